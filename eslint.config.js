// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Flat config: ESLint's recommended rules and typescript-eslint's recommended rules everywhere, the React
 * hooks rules for the web app. `npm run lint` runs it with --max-warnings 0, so a warning fails too.
 */

// Node's globals for the plain .js/.mjs scripts (TypeScript files are checked by tsc, not no-undef).
const nodeGlobals = Object.fromEntries(
  [
    'process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval',
    'clearInterval', 'setImmediate', 'AbortController', 'fetch', 'performance', 'structuredClone',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'dist/**', 'coverage/**', 'test-results/**', 'playwright-report/**', '.tmp/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Input validation matches control characters on purpose (they are refused in human text).
    files: ['src/platform/http/text.ts', 'src/platform/http/text.test.ts', 'test/api/**/*.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat.recommended.rules,
    languageOptions: {
      globals: Object.fromEntries(
        ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'history', 'HTMLElement', 'Event'].map(
          (name) => [name, 'readonly'],
        ),
      ),
    },
  },
);
