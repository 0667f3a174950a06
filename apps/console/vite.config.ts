import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The console is static files served by the admin process at /console/ (apps/admin/src/console).
export default defineConfig({
  root: here('.'),
  base: '/console/',
  // JSX with React's automatic runtime; no plugin needed for a production build.
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    // No inline scripts or styles: the admin serves the console under a strict Content-Security-Policy.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { main: here('index.html'), callback: here('callback.html') } },
  },
});
