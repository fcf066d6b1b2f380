import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const port = Number(process.env.E2E_PORT ?? 8181);
export const baseURL = `http://127.0.0.1:${port}`;
/**
 * The built portal the server serves. Two people running the suite in one working tree set
 * E2E_WEB_DIST to a build of their own, so one's build never swaps the other's files mid-run.
 */
export const webDist = process.env.E2E_WEB_DIST ?? join(repoRoot, 'apps/web/dist');

async function healthy(): Promise<boolean> {
  try {
    const response = await fetch(`${baseURL}/healthz`);
    return response.ok;
  } catch {
    return false;
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`The server exited with code ${child.exitCode} while starting`);
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The server did not answer ${baseURL}/healthz within ${timeoutMs} ms`);
}

/**
 * Starts the real app (bff + built portal, embedded database in a fresh folder) the way `pnpm start`
 * does, with node itself as the process — not npx — so that stopping this PID stops the server.
 * Returns a function that stops it and removes the folder.
 */
export async function startServer(): Promise<() => Promise<void>> {
  if (await healthy()) {
    throw new Error(`Something already answers on ${baseURL}; stop it or set E2E_PORT to a free port`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'openthings-e2e-'));
  const child = spawn(
    process.execPath,
    // tsx as an import hook (its CLI would fork), so the child PID is the server itself.
    ['--import', 'tsx', join(repoRoot, 'apps/bff/src/start.ts')],
    {
      cwd: join(repoRoot, 'apps/bff'),
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        // The embedded database, seeded with the demo account, whatever the shell has set.
        DATABASE_URL: '',
        SEED_DEMO: 'true',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        WEB_DIST: webDist,
        // Any free port: a portal running on this machine keeps its 1883.
        MQTT_PORT: '0',
        MQTTS_PORT: '0',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitFor(healthy, 60_000, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
