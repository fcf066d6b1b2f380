import type { Plugin } from 'vite';

/** Brotli and gzip copies beside every text file of the build (see precompress.mjs). */
export function precompress(): Plugin;
