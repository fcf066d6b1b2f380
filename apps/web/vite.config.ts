import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/precompress.mjs';

/**
 * The bff of `pnpm dev` (apps/bff, PORT 8080). The proxy keeps the browser's Host header: the bff's CSRF
 * check compares it with the Origin of cookie-authenticated changes.
 */
const backend = { target: 'http://127.0.0.1:8080', changeOrigin: false };

/** Library code the sign-in page needs besides what the app loads first. */
const LOGIN_LIBRARIES =
  /@mantine[\\/]core[\\/]esm[\\/]components[\\/](Alert|Button|PasswordInput|TextInput|Input|InputBase|Stack|Paper|Title|Center|Group|Text|Box|Loader|CloseButton|ActionIcon|UnstyledButton|Transition)[\\/]|@mantine[\\/]hooks[\\/]|icons-react[\\/].*Icon(Cpu|AlertCircle)\./;

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/ingestion': backend,
      // MQTT over WebSocket (browser tools, the simulator).
      '/mqtt': { ...backend, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each page needs (bench:portal-weight reads it).
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Few files rather than many: a signed-in page used to need about 80 (a chunk for each set of
          // pages sharing a Mantine component or an icon), and a phone on a slow network pays a round
          // trip per handful of them. What the entry imports statically runs before any page anyway:
          // one chunk. The library code the sign-in page needs besides: a second one. Every other
          // library module a page loads later: a third, shared by all signed-in pages and cached once.
          // The portal's own code stays split by page.
          groups: [
            { name: 'index', tags: ['$initial'], priority: 30 },
            { name: 'ui-basics', test: LOGIN_LIBRARIES, priority: 25 },
            { name: 'ui', test: /node_modules/, priority: 10 },
          ],
        },
      },
    },
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/testing/setup.ts'],
    css: false,
  },
});
