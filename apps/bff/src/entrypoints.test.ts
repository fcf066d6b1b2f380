import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { killStarted, spawnEntry } from './testing/entry-process.ts';
import { freePort } from './testing/ports.ts';

const dirs: string[] = [];

afterAll(async () => {
  killStarted();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const run = spawnEntry;

/** Polls `check`; gives up early, with the process output, when a watched process has exited. */
async function waitFor(
  check: () => Promise<boolean> | boolean,
  ms = 150_000,
  watch?: ReturnType<typeof run>,
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (watch && watch.child.exitCode !== null)
      throw new Error(`the process exited early:\n${watch.output()}`);
    try {
      if (await check()) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('timed out');
}

describe('entry points', () => {
  it('refuses to run server or worker alone on the embedded database', async () => {
    for (const entry of ['server.ts', 'worker.ts'] as const) {
      const p = run(entry, { PORT: String(await freePort()) });
      expect(await p.exited).toBe(1);
      expect(p.output()).toContain('needs PostgreSQL: set DATABASE_URL');
    }
  });

  it('lets only one process open an embedded data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ot-entry-'));
    dirs.push(dataDir);
    const httpPort = await freePort();
    const first = run('start.ts', { DATA_DIR: dataDir, PORT: String(httpPort) });
    await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok, 150_000, first);
    // The addresses are printed once every listener is up (the HTTP port answers a little earlier).
    await waitFor(async () => first.output().includes('Stop with Ctrl+C'), 30_000, first);
    expect(first.output()).toContain(`OpenThings is running at http://127.0.0.1:${httpPort}`);
    expect(first.output()).toContain('Demo login: admin@demo.local / Demo-Things-2026');
    expect(first.output()).toMatch(/MQTT broker for devices: mqtt:\/\/127\.0\.0\.1:\d+/);
    // A first start makes a self-signed certificate, so a user can try MQTT over TLS at once.
    expect(first.output()).toMatch(
      /MQTT over TLS: mqtts:\/\/127\.0\.0\.1:\d+ \(self-signed certificate .*mqtt-cert\.pem, SHA-256 fingerprint ([0-9A-F]{2}:){31}[0-9A-F]{2}\)/,
    );
    expect(first.output()).toMatch(
      new RegExp(
        `MQTT over WebSocket: ws://127\\.0\\.0\\.1:${httpPort}/mqtt, wss://127\\.0\\.0\\.1:\\d+/mqtt`,
      ),
    );
    const second = run('start.ts', { DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`is in use by process ${first.child.pid}`);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Seeding the demo fleet takes a while on a busy two-core machine.
  }, 200_000);

  it.runIf(process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL)(
    'runs server and two workers as separate processes against PostgreSQL',
    async () => {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `ot_entry_${randomBytes(4).toString('hex')}`;
      await admin.unsafe(`create database ${name}`);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      try {
        const httpPort = await freePort();
        const env = { DATABASE_URL: url.toString(), PORT: String(httpPort), SEED_DEMO: 'true' };
        // All three migrate at once: the advisory lock must serialise them.
        const procs = [run('server.ts', env), run('worker.ts', env), run('worker.ts', env)];
        await waitFor(async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).ok);
        const ready = await (await fetch(`http://127.0.0.1:${httpPort}/readyz`)).json();
        expect(ready).toEqual({ status: 'ready', database: 'postgres' });
        const login = await fetch(`http://127.0.0.1:${httpPort}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'admin@demo.local', password: 'Demo-Things-2026' }),
        });
        expect(login.status).toBe(200);
        await new Promise((r) => setTimeout(r, 1000));
        for (const p of procs) expect(p.child.exitCode, p.output()).toBeNull();
        for (const p of procs) p.child.kill('SIGTERM');
        for (const p of procs) expect(await p.exited).toBe(0);
      } finally {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
    200_000,
  );
});
