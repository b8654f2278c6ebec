import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/**
 * The palette is chosen for WCAG 2.1 AA contrast: filled components use shade 8 with white text,
 * light variants use shade 9 text; dimmed text is gray 7 (Mantine's default gray 6 is below 4.5:1).
 */
const brand: MantineColorsTuple = [
  '#e8f1fb', '#d1e2f6', '#a6c5ee', '#78a6e4', '#4f8ad9', '#3079d2', '#1a6acb', '#0a60c0', '#0057b7', '#00468f',
];
const green: MantineColorsTuple = [
  '#ebfbee', '#d3f9d8', '#b2f2bb', '#8ce99a', '#69db7c', '#51cf66', '#40c057', '#2f9e44', '#237a35', '#1b5e29',
];
const red: MantineColorsTuple = [
  '#fff5f5', '#ffe3e3', '#ffc9c9', '#ffa8a8', '#ff8787', '#ff6b6b', '#fa5252', '#e03131', '#c92a2a', '#a51d1d',
];
const orange: MantineColorsTuple = [
  '#fff4e6', '#ffe8cc', '#ffd8a8', '#ffc078', '#ffa94d', '#ff922b', '#fd7e14', '#e8590c', '#b54708', '#8a3a05',
];
const yellow: MantineColorsTuple = [
  '#fff9db', '#fff3bf', '#ffec99', '#ffe066', '#ffd43b', '#fcc419', '#fab005', '#f59f00', '#9a6700', '#7a5200',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: { light: 8, dark: 8 },
  colors: { brand, green, red, orange, yellow },
  defaultRadius: 'md',
  cursorType: 'pointer',
  // People who ask their system for less motion get no transitions.
  respectReducedMotion: true,
  focusRing: 'auto',
  headings: { fontWeight: '650' },
  components: {
    Anchor: { defaultProps: { underline: 'always' } },
    // Badges carry names (roles, statuses): normal case, readable size.
    Badge: { defaultProps: { size: 'md', radius: 'sm' }, styles: { root: { textTransform: 'none', fontWeight: 600 } } },
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    '--mantine-color-anchor': 'var(--mantine-color-brand-8)',
  },
  dark: {},
});
