import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist', import.meta.url));
// Built next to node_modules' cache (git-ignored, same file system), then swapped into web/dist in one rename.
const stagingDir = fileURLToPath(new URL('../node_modules/.cache/opennrm-web-dist', import.meta.url));

/**
 * A running server keeps serving web/dist while a new build is written: without this, `emptyOutDir` leaves it
 * without index.html or its assets for the seconds the build takes (and browser tests running meanwhile fail).
 */
function swapIntoDist(): Plugin {
  return {
    name: 'opennrm-swap-into-dist',
    apply: 'build',
    closeBundle() {
      const old = `${outDir}.old-${process.pid}`;
      if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
      fs.renameSync(stagingDir, outDir);
      fs.rmSync(old, { recursive: true, force: true });
    },
  };
}

/**
 * The web app is built into web/dist and served by the OpenNRM server itself (same origin, strict CSP:
 * no inline scripts, no external resources). In development `vite --config web/vite.config.ts` proxies
 * /api to a server on port 8080.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react(), swapIntoDist()],
  build: {
    outDir: stagingDir,
    emptyOutDir: true,
    // Images as files, never inlined: the CSP allows data: images, but files cache better.
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:8080', changeOrigin: false },
    },
  },
});
