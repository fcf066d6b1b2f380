/**
 * At-least-once across crashes, with real processes: uplinks answered 202 are delivered even when
 * the process holding them is killed with SIGKILL — the worker (PostgreSQL: server and worker are
 * separate processes) or the single `start` process (PGlite: restarted on the same data folder, whose
 * stale lock it takes over). The receiver is plain http on 127.0.0.1. A delivery that a killed
 * worker had claimed comes back when its 60 s lease runs out, so these tests take a minute or two.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client.ts';
import { deliveries, uplinks } from '../db/schema/index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const tsx = pathToFileURL(join(here, '../../node_modules/tsx/dist/loader.mjs')).href;
const started: ChildProcess[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];

afterAll(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const fn of cleanups.reverse()) await fn();
});

// ---------------------------------------------------------------- processes

interface Proc {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

function spawnEntry(entry: 'start.ts' | 'server.ts' | 'worker.ts', env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', tsx, join(here, '..', entry)], {
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      WEB_DIST: '',
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      // Any free port for the MQTT broker; deliveries go to a receiver on 127.0.0.1.
      MQTT_PORT: '0',
      ALLOW_PRIVATE_DESTINATIONS: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms: number, proc?: Proc) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited (${proc.child.exitCode}). Its output:\n${proc.output()}`);
    }
    try {
      if (await check()) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `timed out after ${ms / 1000} s waiting for ${what}${proc ? `. Output:\n${proc.output()}` : ''}`,
  );
}

async function startHttp(entry: 'start.ts' | 'server.ts', env: Record<string, string>) {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const proc = spawnEntry(entry, { ...env, PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${entry} to be ready`, async () => (await fetch(`${url}/readyz`)).ok, 150_000, proc);
  return { proc, url };
}

async function startWorker(databaseUrl: string) {
  const proc = spawnEntry('worker.ts', { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' });
  await waitFor('the worker to run', () => proc.output().includes('worker running'), 60_000, proc);
  return proc;
}

async function kill9(proc: Proc) {
  proc.child.kill('SIGKILL');
  await proc.exited;
}

// ---------------------------------------------------------------- receiver

interface Request {
  path: string;
  webhookId: string;
  seq: number;
  status: number;
}

/** Records every delivery (path, webhook-id, the uplink's `seq`) and answers what `answer` says. */
async function startReceiver(answer: (path: string, webhookId: string) => number = () => 200) {
  const log: Request[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const pack = JSON.parse(body) as { n?: string; v?: number }[];
      const webhookId = String(req.headers['webhook-id']);
      const status = answer(req.url ?? '/', webhookId);
      log.push({ path: req.url ?? '/', webhookId, seq: pack.find((r) => r.n === 'seq')!.v!, status });
      res.statusCode = status;
      res.end(status < 300 ? 'ok' : 'not now');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise((r) => server.close(r)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    log,
    /** seq → the webhook-ids it arrived with, for requests on `path` answered 2xx. */
    delivered(path: string) {
      const bySeq = new Map<number, Set<string>>();
      for (const r of log) {
        if (r.path !== path || r.status >= 300) continue;
        const ids = bySeq.get(r.seq) ?? new Set<string>();
        ids.add(r.webhookId);
        bySeq.set(r.seq, ids);
      }
      return bySeq;
    },
  };
}

// ---------------------------------------------------------------- API and devices

async function signIn(base: string) {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: 'admin@demo.local', password: 'Demo-Things-2026' }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  // biome-ignore lint/suspicious/noExplicitAny: the test reads whatever JSON the API answers
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie,
        origin: base,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}
type Api = Awaited<ReturnType<typeof signIn>>;

interface SimDevice {
  urn: string;
  secret: string;
}

/** A flow in the demo's "Fleet demo" project with `count` internet devices and HTTPS destinations. */
async function setUpFlow(api: Api, name: string, count: number, destinationUrls: string[]) {
  const projects = await api('GET', '/api/projects?limit=100');
  const project = projects.data.find((p: { name: string }) => p.name === 'Fleet demo');
  const flow = await api('POST', '/api/device-groups', { projectId: project.id, name });
  const devices: SimDevice[] = [];
  for (let i = 0; i < count; i++) {
    const device = await api('POST', '/api/devices', {
      projectId: project.id,
      deviceTypeId: 'generic-internet',
      name: `${name} ${i + 1}`,
    });
    const secret = `Crash-${randomBytes(16).toString('hex')}-Aa1!`;
    const { adapter } = await api('POST', `/api/devices/${device.id}/network-adapters`, {
      type: 'INTERNET',
      dvnUuid: randomUUID(),
      sharedSecret: secret,
    });
    await api('POST', `/api/device-groups/${flow.id}/devices/${device.id}`);
    devices.push({ urn: adapter.urn, secret });
  }
  const destinationIds: string[] = [];
  for (const [i, url] of destinationUrls.entries()) {
    const { destination } = await api('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: `${name} receiver ${i + 1}`,
      config: { url },
    });
    await api('POST', `/api/device-groups/${flow.id}/destinations/${destination.id}`);
    destinationIds.push(destination.id);
  }
  return { devices, destinationIds };
}

/**
 * Sends the uplinks numbered `seqs` (a `seq` record in each pack), `concurrency` at a time, and
 * returns the ones answered 202 with their uplink ids. Requests to a killed server just fail.
 */
async function sendUplinks(
  base: string,
  devices: SimDevice[],
  seqs: number[],
  options: { concurrency?: number; onAccepted?: (accepted: number) => void } = {},
) {
  const accepted = new Map<number, string>();
  let failed = 0;
  let next = 0;
  async function lane() {
    while (next < seqs.length) {
      const seq = seqs[next++]!;
      const device = devices[seq % devices.length]!;
      const body = JSON.stringify([
        { bn: device.urn, bt: Date.now() / 1000, n: 'temperature', u: 'Cel', v: 20 + (seq % 50) / 10 },
        { n: 'seq', v: seq },
      ]);
      const token = createHash('sha256').update(body).update(device.secret).digest('hex');
      try {
        const res = await fetch(`${base}/ingestion/ip/senml/v1`, {
          method: 'POST',
          headers: { 'content-type': 'application/senml+json', 'things-message-token': token },
          body,
        });
        await res.arrayBuffer();
        if (res.status === 202) {
          accepted.set(seq, res.headers.get('x-uplink-id')!);
          options.onAccepted?.(accepted.size);
        } else failed++;
      } catch {
        failed++;
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, lane));
  return { accepted, failed };
}

/** Deliveries to the destination with a 2xx attempt in its log (the public API's view). */
async function succeededDeliveries(api: Api, destinationId: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let next: string | null = `/api/destinations/${destinationId}/attempts?limit=500`;
  while (next) {
    const page: { data: { deliveryId: string; status: number | null }[]; links: { next: string | null } } =
      await api('GET', next);
    for (const a of page.data) if (a.status !== null && a.status < 300) ids.add(a.deliveryId);
    next = page.links.next;
  }
  return ids;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Every accepted seq delivered, and each seq's deliveries all with one webhook-id. */
function checkDelivered(
  accepted: Iterable<number>,
  delivered: Map<number, Set<string>>,
  log: Request[],
  path: string,
) {
  const missing = [...accepted].filter((seq) => !delivered.has(seq));
  expect(missing, 'accepted uplinks that were never delivered').toEqual([]);
  const idsBySeq = new Map<number, Set<string>>();
  for (const r of log.filter((r) => r.path === path)) {
    idsBySeq.set(r.seq, (idsBySeq.get(r.seq) ?? new Set()).add(r.webhookId));
  }
  const mixed = [...idsBySeq].filter(([, ids]) => ids.size > 1).map(([seq]) => seq);
  expect(mixed, 'uplinks delivered under more than one webhook-id').toEqual([]);
  const requests = log.filter((r) => r.path === path && r.status < 300).length;
  return { duplicates: requests - delivered.size };
}

/** The database's own view: every accepted uplink stored and processed, every delivery succeeded. */
async function checkStore(database: Database, uplinkIds: string[], destinationId: string) {
  const stored = await database.db
    .select({ state: uplinks.state, n: sql<number>`count(*)::int` })
    .from(uplinks)
    .where(inArray(uplinks.id, uplinkIds))
    .groupBy(uplinks.state);
  expect(stored).toEqual([{ state: 'processed', n: uplinkIds.length }]);
  const sent = await database.db
    .select({ state: deliveries.state, n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(eq(deliveries.destinationId, destinationId))
    .groupBy(deliveries.state);
  return sent;
}

// ---------------------------------------------------------------- tests

// The three PGlite tests share one data folder and, after the crash, the restarted process (each start
// costs a PGlite boot): crash and restart; retries on the running worker; a clean stop and a look at
// the data folder itself.
describe('PGlite: the single start process is killed with SIGKILL mid-load', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ot-crash-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let current: { proc: Proc; url: string } | undefined;
  const running = async () => {
    if (!current || current.proc.child.exitCode !== null || current.proc.child.signalCode !== null) {
      current = await startHttp('start.ts', { DATA_DIR: dataDir, SEED_DEMO: 'true' });
    }
    return current;
  };
  let crash: { uplinkIds: string[]; destinationId: string; summary: string } | undefined;

  it('restarts on the same data folder and delivers every uplink that got a 202', async () => {
    const receiver = await startReceiver();
    const first = await running();
    let api = await signIn(first.url);
    const { devices, destinationIds } = await setUpFlow(api, 'Crash PGlite', 4, [`${receiver.url}/hook`]);

    // Kill it once a third of the uplinks were accepted, with requests still in flight.
    let killed: Promise<void> | undefined;
    const before = await sendUplinks(first.url, devices, range(0, 300), {
      onAccepted: (n) => {
        if (n >= 100) killed ??= kill9(first.proc);
      },
    });
    await killed;
    expect(before.accepted.size).toBeGreaterThanOrEqual(100);
    expect(before.accepted.size).toBeLessThan(300);
    // The lock names a dead process now: the next start must take it over.
    expect(existsSync(join(dataDir, 'openthings.lock'))).toBe(true);

    // A restart that fails here means the data folder did not survive the kill: the output says why.
    const restarted = await running();
    api = await signIn(restarted.url);
    const after = await sendUplinks(restarted.url, devices, range(1000, 50));
    expect(after.accepted.size).toBe(50);
    const accepted = new Map([...before.accepted, ...after.accepted]);
    await waitFor(
      'every accepted uplink to be delivered',
      () => [...accepted.keys()].every((seq) => receiver.delivered('/hook').has(seq)),
      150_000,
      restarted.proc,
    );
    // Deliveries the killed process had claimed but not yet recorded come back when their lease
    // runs out: sent again (a duplicate if the first copy arrived), now recorded as succeeded.
    await waitFor(
      'every delivery to be recorded as succeeded',
      async () => (await succeededDeliveries(api, destinationIds[0]!)).size === accepted.size,
      150_000,
      restarted.proc,
    );
    const { duplicates } = checkDelivered(
      accepted.keys(),
      receiver.delivered('/hook'),
      receiver.log,
      '/hook',
    );
    crash = {
      uplinkIds: [...accepted.values()],
      destinationId: destinationIds[0]!,
      summary:
        `${before.accepted.size} uplinks accepted before the kill (${before.failed} requests failed with it), ` +
        `${after.accepted.size} after the restart; ${duplicates} duplicate deliveries, each with its original webhook-id`,
    };
  }, 400_000);

  it('a running worker retries a 503 in real time, dead-letters a 400 and delivers its replay', async () => {
    // One outage per delivery: the first attempt of each webhook-id gets 503, the retry 200.
    const seen = new Set<string>();
    let refusing = true;
    const receiver = await startReceiver((path, webhookId) => {
      if (path === '/flaky') {
        if (seen.has(webhookId)) return 200;
        seen.add(webhookId);
        return 503;
      }
      return refusing ? 400 : 200;
    });
    const { url, proc } = await running();
    const api = await signIn(url);
    const { devices, destinationIds } = await setUpFlow(api, 'Retries', 2, [
      `${receiver.url}/flaky`,
      `${receiver.url}/refuse`,
    ]);
    const [flaky, refuse] = destinationIds as [string, string];
    const { accepted } = await sendUplinks(url, devices, range(0, 20));
    expect(accepted.size).toBe(20);

    // The retry comes 5 s (± 10 %) after the first attempt, from the worker's own schedule.
    await waitFor('every retry to succeed', () => receiver.delivered('/flaky').size === 20, 60_000, proc);
    checkDelivered(accepted.keys(), receiver.delivered('/flaky'), receiver.log, '/flaky');
    const attempts = await api('GET', `/api/destinations/${flaky}/attempts?limit=500`);
    const logged = new Map<string, number[]>();
    for (const a of [...attempts.data].reverse()) {
      logged.set(a.deliveryId, [...(logged.get(a.deliveryId) ?? []), a.status]);
    }
    const answered = new Map<string, number[]>();
    for (const r of receiver.log.filter((r) => r.path === '/flaky')) {
      answered.set(r.webhookId, [...(answered.get(r.webhookId) ?? []), r.status]);
    }
    // The log holds every attempt the receiver saw, in order, under the delivery id = webhook-id.
    expect(logged).toEqual(answered);
    expect([...logged.values()].every((s) => s.join() === '503,200')).toBe(true);

    await waitFor(
      'the refused deliveries to be dead letters',
      async () => (await api('GET', `/api/destinations/${refuse}/dead-letters?limit=100`)).data.length === 20,
      30_000,
      proc,
    );
    const dead = (await api('GET', `/api/destinations/${refuse}/dead-letters?limit=100`)).data;
    expect(
      dead.every((d: { attempts: number; lastStatus: number }) => d.attempts === 1 && d.lastStatus === 400),
    ).toBe(true);
    refusing = false;
    const replayed = dead[0].id as string;
    await api('POST', `/api/destinations/${refuse}/dead-letters/${replayed}/replay`);
    await waitFor(
      'the replayed delivery to arrive',
      () => receiver.log.some((r) => r.path === '/refuse' && r.webhookId === replayed && r.status === 200),
      30_000,
      proc,
    );
    const replayLog = await api('GET', `/api/destinations/${refuse}/attempts?deliveryId=${replayed}`);
    expect(replayLog.data.map((a: { status: number }) => a.status)).toEqual([200, 400]);
    expect((await api('GET', `/api/destinations/${refuse}/dead-letters?limit=100`)).data).toHaveLength(19);
  }, 200_000);

  it('keeps every accepted uplink of the crash in the data folder: stored, processed, delivered', async () => {
    expect(crash, 'the crash test ran first').toBeDefined();
    // Stop cleanly, then read the data folder directly: the store itself must have come through.
    const { proc } = await running();
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    const database = await openDatabase({ driver: 'pglite', dataDir });
    try {
      const sent = await checkStore(database, crash!.uplinkIds, crash!.destinationId);
      expect(sent).toEqual([{ state: 'succeeded', n: crash!.uplinkIds.length }]);
    } finally {
      await database.close();
    }
    console.log(`PGlite survived kill -9 intact: ${crash!.summary}; all stored, processed and delivered`);
  }, 200_000);
});

describe.runIf(process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL)(
  'PostgreSQL: server and worker processes, the worker killed with SIGKILL mid-load',
  () => {
    it('a new worker delivers every accepted uplink, duplicates only under the same webhook-id', async () => {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `ot_crash_${randomBytes(4).toString('hex')}`;
      await admin.unsafe(`create database ${name}`);
      cleanups.push(async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();

      const receiver = await startReceiver();
      const server = await startHttp('server.ts', { DATABASE_URL: databaseUrl, SEED_DEMO: 'true' });
      const first = await startWorker(databaseUrl);
      const api = await signIn(server.url);
      const { devices, destinationIds } = await setUpFlow(api, 'Crash PostgreSQL', 4, [
        `${receiver.url}/hook`,
      ]);

      // Kill the worker once a quarter has been delivered; a second worker starts while uplinks go on.
      let deliveredAtKill = -1;
      let second: Proc | undefined;
      const watcher = (async () => {
        await waitFor(
          'a quarter to be delivered',
          () => receiver.delivered('/hook').size >= 75,
          120_000,
          first,
        );
        await kill9(first);
        deliveredAtKill = receiver.delivered('/hook').size;
        second = await startWorker(databaseUrl);
      })();
      const sent = await sendUplinks(server.url, devices, range(0, 300), { concurrency: 4 });
      await watcher;
      expect(sent.accepted.size).toBe(300);
      expect(deliveredAtKill).toBeLessThan(300);

      await waitFor(
        'every accepted uplink to be delivered',
        () => receiver.delivered('/hook').size >= sent.accepted.size,
        150_000,
        second,
      );
      // Deliveries the killed worker had claimed come back when their 60 s lease runs out.
      await waitFor(
        'every delivery to be recorded as succeeded',
        async () => (await succeededDeliveries(api, destinationIds[0]!)).size === sent.accepted.size,
        150_000,
        second,
      );
      const { duplicates } = checkDelivered(
        sent.accepted.keys(),
        receiver.delivered('/hook'),
        receiver.log,
        '/hook',
      );
      const database = await openDatabase({ driver: 'postgres', url: databaseUrl, max: 1 });
      try {
        const states = await checkStore(database, [...sent.accepted.values()], destinationIds[0]!);
        expect(states).toEqual([{ state: 'succeeded', n: 300 }]);
      } finally {
        await database.close();
      }
      console.log(
        `PostgreSQL: worker killed after ${deliveredAtKill} of 300 deliveries; the new worker delivered the rest; ` +
          `${duplicates} duplicate deliveries, each with its original webhook-id`,
      );
      for (const p of [server.proc, second!]) p.child.kill('SIGTERM');
      expect(await server.proc.exited).toBe(0);
      expect(await second!.exited).toBe(0);
    }, 400_000);
  },
);
