import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './types.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A request for a file rather than a portal page: anything under /assets/ (the hashed bundle) or whose
 * last segment has an extension (`/favicon.ico`). Portal routes are extensionless (ids are uuids).
 */
export function isFileRequest(path: string): boolean {
  return path.startsWith('/assets/') || /\.[A-Za-z0-9]+$/.test(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * The built portal: files that exist are served (hashed assets cached for a year; compressed when the
 * build left a `.br` or `.gz` copy and the browser accepts it), a missing file is a
 * 404 — never index.html, which a browser would run as a script and a cache would keep for a year —
 * and every other GET is a portal route answered with index.html.
 */
export function serveSpa(app: Hono<AppEnv>, dist: string): void {
  let indexHtml: string;
  try {
    indexHtml = readFileSync(join(dist, 'index.html'), 'utf8');
  } catch {
    return;
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206) c.header('cache-control', IMMUTABLE);
  });
  // The build writes brotli and gzip copies of every text file (apps/web/scripts/precompress.mjs):
  // each browser gets the smallest it accepts, with no compression work per request.
  const files = serveStatic({ root: dist, precompressed: true });
  // A directory (`/`) is the portal's index.html, answered below so that it is revalidated.
  app.use('*', (c, next) => (c.req.path.endsWith('/') ? next() : files(c, next)));
  app.get('*', (c) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path.startsWith('/ingestion/') || isFileRequest(path))
      return c.notFound();
    c.header('cache-control', 'no-cache');
    return c.html(indexHtml);
  });
}
