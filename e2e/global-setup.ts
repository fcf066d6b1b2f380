import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, webDist } from './server.ts';

/** One server for the whole run; the returned function is Playwright's teardown. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error('The portal is not built: run `pnpm --filter @openthings/web run build` first');
  }
  return startServer();
}
