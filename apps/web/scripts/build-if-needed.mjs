// Builds the portal only when dist/index.html is missing or older than any of its sources, so that
// `pnpm start` is quick on every start after the first.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(web, '../..');
const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(repo, 'packages/ui/src'),
  join(repo, 'packages/domain/src'),
];

/** Newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const built = newest(join(web, 'dist/index.html'));
const changed = Math.max(...sources.map(newest));

if (built > 0 && built >= changed) {
  console.log('Portal is up to date (apps/web/dist).');
} else {
  console.log(
    built === 0 ? 'Building the portal…' : 'Sources changed since the last build; rebuilding the portal…',
  );
  const vite = join(web, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build'], { cwd: web, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
