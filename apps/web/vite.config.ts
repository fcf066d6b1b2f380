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
  },
  test: {
    environment: 'happy-dom',
    setupFiles: ['./src/testing/setup.ts'],
    css: false,
  },
});
