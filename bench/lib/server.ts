import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { childEnv, cpuProfileDir } from './env.ts';
import { inspectArgs } from './inspector.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `start.ts` (server + worker in one process) as `node …/tsx/cli.mjs` so the child PID is the
 * server, on the embedded database in a temporary folder — or on PostgreSQL with `databaseUrl`.
 * `entry: 'server.ts'` starts the HTTP server alone (PostgreSQL only).
 */
/**
 * With BENCH_CPU_PROFILE=<folder>, the OpenThings processes write V8 CPU profiles into its `server` and
 * `worker` sub-folders when they stop
 * (open them in Chrome DevTools → Performance, or any .cpuprofile viewer).
 */
export function profileArgs(name: string): string[] {
  return cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfileDir, name)}`] : [];
}

export async function startServer(options: {
  port: number;
  databaseUrl?: string;
  dataDir?: string;
  seedDemo?: boolean;
  entry?: 'start.ts' | 'server.ts';
  /** The built portal to serve (e.g. `apps/web/dist`); default: none, the API alone. */
  webDist?: string;
  /** Deliveries to private addresses allowed (a receiver on 127.0.0.1). */
  allowPrivateDestinations?: boolean;
  /** The MQTT broker's port; default 0, any free one (a benchmark never clashes with a running server). */
  mqttPort?: number;
  /** Node's inspector on 127.0.0.1:`inspectPort` (`lib/inspector.ts`: garbage collection, heap size). */
  inspectPort?: number;
}): Promise<RunningServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'openthings-bench-'));
  // tsx as an import hook (not its CLI, which forks) so the child PID is the server itself.
  const tsx = pathToFileURL(join(repoRoot, 'apps/bff/node_modules/tsx/dist/loader.mjs')).href;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...profileArgs('server'),
      ...(options.inspectPort === undefined ? [] : inspectArgs(options.inspectPort)),
      '--import',
      tsx,
      join(repoRoot, 'apps/bff/src', options.entry ?? 'start.ts'),
    ],
    {
      env: childEnv({
        PORT: String(options.port),
        // The broker's plain-TCP listener (production would leave it off) on the port asked for, or any
        // free one so a benchmark never clashes with a running server; TLS on any free port.
        MQTT_PORT: String(options.mqttPort ?? 0),
        MQTT_PLAINTEXT: 'true',
        MQTTS_PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: options.databaseUrl ?? '',
        SEED_DEMO: String(options.seedDemo ?? true),
        LOG_LEVEL: 'warn',
        WEB_DIST: options.webDist ?? '',
        NODE_ENV: 'production',
        ...(options.allowPrivateDestinations && { ALLOW_PRIVATE_DESTINATIONS: 'true' }),
      }),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error('server did not become ready in 180 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in as the demo admin, creates an API key with `roles` and returns a bearer token. */
export async function demoBearer(url: string, roles: string[]): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'admin@demo.local', password: 'Demo-Things-2026' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const key = await fetch(`${url}/api/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: JSON.stringify({ name: 'bench', roles }),
  });
  const { clientId, clientSecret } = (await key.json()) as { clientId: string; clientSecret: string };
  const token = await fetch(`${url}/api/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  return ((await token.json()) as { access_token: string }).access_token;
}

/** CPU seconds a process used so far (user + system), from /proc. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
