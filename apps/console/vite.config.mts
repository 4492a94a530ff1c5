import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The console is built into dist/console and served by Latchkey itself (apps/api/src/console).
 * Everything is emitted as files under /assets/ (nothing inlined), so the strict
 * Content-Security-Policy needs no 'unsafe-inline' and no data: URLs.
 */
export default defineConfig({
  plugins: [preact()],
  base: '/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite apps/console` during development: the API runs on its own port (npm start).
    proxy: { '/console/v1': 'http://127.0.0.1:3000' },
  },
});
