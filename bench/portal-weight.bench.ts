/**
 * pnpm bench:portal-weight: what a browser downloads before the first paint of a portal page — the
 * entry chunk, the page's chunk and everything they import statically (dynamic imports load later) —
 * raw and as the server sends it (the build's brotli and gzip copies). Reads the last build
 * (`pnpm build` first). Goal (issue 9): /login ≤ 150 KB gzip. Prints; asserts nothing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './lib/server.ts';

interface Chunk {
  file: string;
  imports?: string[];
  css?: string[];
}

const dist = join(repoRoot, 'apps/web/dist');
const manifestPath = join(dist, '.vite/manifest.json');
if (!existsSync(manifestPath)) {
  console.error('No build found: run `pnpm build` first.');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, Chunk>;

/** The files a chunk needs before it runs: itself, its CSS, and its static imports, recursively. */
function closure(key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the build manifest`);
  if (seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const css of chunk.css ?? []) seen.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

const size = (path: string) => (existsSync(path) ? statSync(path).size : undefined);
const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

const pages: [string, string[]][] = [
  ['/login', ['src/app/routes/login-page.tsx']],
  ['/devices', ['src/app/layouts/app-layout.tsx', 'src/app/routes/devices-page.tsx']],
  ['/devices/:id', ['src/app/layouts/app-layout.tsx', 'src/app/routes/device-page.tsx']],
  ['/simulator/:id', ['src/app/routes/simulator-page.tsx']],
];

const rows = pages.map(([page, modules]) => {
  const files = new Set<string>();
  for (const key of ['index.html', ...modules]) for (const f of closure(key)) files.add(f);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let js = 0;
  let jsGzip = 0;
  for (const file of files) {
    const path = join(dist, file);
    const bytes = size(path) ?? 0;
    const gz = size(`${path}.gz`) ?? gzipSync(readFileSync(path), { level: 9 }).length;
    raw += bytes;
    gzip += gz;
    brotli += size(`${path}.br`) ?? gz;
    if (file.endsWith('.js')) {
      js += bytes;
      jsGzip += gz;
    }
  }
  return {
    page,
    files: files.size,
    'JS KB': kb(js),
    'JS gzip KB': kb(jsGzip),
    'all KB': kb(raw),
    'all gzip KB': kb(gzip),
    'all brotli KB': kb(brotli),
  };
});
console.log('First-paint download per page (the last build; goal: /login JS ≤ 150 KB gzip)');
console.table(rows);
