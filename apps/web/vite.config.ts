import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './scripts/precompress.mjs';

/**
 * The bff of `pnpm dev` (apps/bff, PORT 8080). The proxy keeps the browser's Host header: the bff's CSRF
 * check compares it with the Origin of cookie-authenticated changes.
 */
const backend = { target: 'http://127.0.0.1:8080', changeOrigin: false };

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    port: 5173,
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/ingestion': backend,
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
          // What the entry imports statically runs before any page anyway: one chunk, rather than the
          // several small ones automatic splitting makes of the parts that pages import too. Everything
          // else (pages, zod and the domain's schemas, the notification outlet) stays split.
          groups: [{ name: 'index', tags: ['$initial'] }],
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
