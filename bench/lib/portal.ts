import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ADMIN } from './api-client.ts';
import { chromePath } from './env.ts';
import { repoRoot, startServer } from './server.ts';

/** The built portal (`pnpm --filter @openthings/web run build`). */
export const portalDist = join(repoRoot, 'apps/web/dist');

/** Stops the process (exit 2) with a clear message when the build or Chromium is missing. */
export function requirePortalBuildAndChromium(): void {
  if (!existsSync(join(portalDist, 'index.html'))) {
    console.error(`No portal build in ${portalDist}: run \`pnpm --filter @openthings/web run build\` first.`);
    process.exit(2);
  }
  if (!existsSync(chromePath)) {
    console.error(`No Chromium at ${chromePath}: install Debian's chromium or set CHROMIUM_PATH.`);
    process.exit(2);
  }
}

export interface RunningPortal {
  url: string;
  /** The demo admin's session, as a `Cookie` header value. */
  cookie: string;
  /** The id of the first item a list answers with, e.g. `firstId('/api/devices?limit=1')`. */
  firstId(path: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The built portal as a real installation serves it: `start.ts` (server and worker) on a fresh embedded
 * database with the seeded demo account, serving a copy of apps/web/dist with `NODE_ENV=production` —
 * a copy, because the server reads index.html once and a rebuild during the run would delete the files
 * it names. Signs in as the demo admin.
 */
export async function startPortal(port: number): Promise<RunningPortal> {
  const servedDist = mkdtempSync(join(tmpdir(), 'openthings-portal-'));
  const removeCopy = () => rmSync(servedDist, { recursive: true, force: true });
  cpSync(portalDist, servedDist, { recursive: true });
  const server = await startServer({ port, seedDemo: true, webDist: servedDist }).catch((error) => {
    removeCopy();
    throw error;
  });
  const stop = async () => {
    await server.stop();
    removeCopy();
  };
  try {
    const { url } = server;
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify(DEMO_ADMIN),
    });
    if (!login.ok) throw new Error(`sign-in as ${DEMO_ADMIN.email} failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .join('; ');
    if (!cookie) throw new Error('sign-in answered without a session cookie');
    const firstId = async (path: string) => {
      const response = await fetch(`${url}${path}`, { headers: { cookie, origin: url } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      const id = ((await response.json()) as { data: { id: string }[] }).data[0]?.id;
      if (!id) throw new Error(`GET ${path}: the demo account has none`);
      return id;
    };
    return { url, cookie, firstId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export const median = (values: number[]) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
