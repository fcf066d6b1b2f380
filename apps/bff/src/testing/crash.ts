import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, expect } from 'vitest';
import type { Database } from '../db/client.ts';
import { deliveries, uplinks } from '../db/schema/index.ts';
import { type EntryProcess, killStarted, spawnEntry } from './entry-process.ts';
import { freePort } from './ports.ts';

const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** Something to undo after the file: run in reverse order, after every started process is killed. */
export function afterFile(fn: () => Promise<unknown> | unknown): void {
  cleanups.push(fn);
}

/** Registers the file's clean-up: kills what it started and undoes what it set up. */
export function useCrashHarness(): void {
  afterAll(async () => {
    killStarted();
    for (const fn of cleanups.reverse()) await fn();
  });
}

// ---------------------------------------------------------------- processes

export type Proc = EntryProcess;

export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms: number,
  proc?: Proc,
) {
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

/**
 * Waits until `progress` reaches `target`, for as long as it keeps moving: it fails only when the count
 * has not changed for `stallMs` (or the process died), so a loaded machine that is slow but working
 * never fails the test, and a stuck one fails it in bounded time. `stallMs` must exceed any pause the
 * system makes on purpose (the 60 s delivery lease).
 */
export async function waitForProgress(
  what: string,
  progress: () => Promise<number> | number,
  target: number,
  stallMs: number,
  proc?: Proc,
) {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited (${proc.child.exitCode}). Its output:\n${proc.output()}`);
    }
    let current = last;
    try {
      current = await progress();
    } catch {}
    if (current >= target) return;
    if (current !== last) {
      last = current;
      movedAt = Date.now();
    } else if (Date.now() - movedAt > stallMs) {
      throw new Error(
        `${what}: stuck at ${last} of ${target} for ${stallMs / 1000} s${proc ? `. Output:\n${proc.output()}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** No progress for this long means stuck: longer than the 60 s delivery lease and a claim poll after it. */
export const STALL_MS = 100_000;

/**
 * Starts an HTTP entry point on a free port. Another process may take the port between the pick and
 * the server's bind (a busy machine's outgoing connections use the same range): then it starts again
 * on another port, twice at most.
 */
export async function startHttp(entry: 'start.ts' | 'server.ts', env: Record<string, string>) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawnEntry(entry, { ALLOW_PRIVATE_DESTINATIONS: 'true', ...env, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(`${entry} to be ready`, async () => (await fetch(`${url}/readyz`)).ok, 150_000, proc);
      return { proc, url };
    } catch (error) {
      if (attempt < 3 && proc.output().includes('EADDRINUSE')) continue;
      throw error;
    }
  }
}

export async function startWorker(databaseUrl: string) {
  const proc = spawnEntry('worker.ts', {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    ALLOW_PRIVATE_DESTINATIONS: 'true',
  });
  await waitFor('the worker to run', () => proc.output().includes('worker running'), 60_000, proc);
  return proc;
}

export async function kill9(proc: Proc) {
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
export async function startReceiver(answer: (path: string, webhookId: string) => number = () => 200) {
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

export async function signIn(base: string) {
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
export type Api = Awaited<ReturnType<typeof signIn>>;

interface SimDevice {
  urn: string;
  secret: string;
}

/** A flow in the demo's "Fleet demo" project with `count` internet devices and HTTPS destinations. */
export async function setUpFlow(api: Api, name: string, count: number, destinationUrls: string[]) {
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
export async function sendUplinks(
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
export async function succeededDeliveries(api: Api, destinationId: string): Promise<Set<string>> {
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

export const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Every accepted seq delivered, and each seq's deliveries all with one webhook-id. */
export function checkDelivered(
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
/**
 * Reads the store after a crash: every accepted uplink stored and processed, and one succeeded delivery
 * per stored uplink. An uplink can be stored and its answer lost with the process (committed, killed
 * before the 202 went out): it is delivered too — at least once — so the destination has at least one
 * delivery per accepted uplink and at most one more per request that got no 202 (`unanswered`).
 */
export async function checkStore(
  database: Database,
  uplinkIds: string[],
  destinationId: string,
  unanswered: number,
): Promise<void> {
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
  expect(sent.map((s) => s.state)).toEqual(['succeeded']);
  expect(sent[0]!.n).toBeGreaterThanOrEqual(uplinkIds.length);
  expect(sent[0]!.n).toBeLessThanOrEqual(uplinkIds.length + unanswered);
  const ofAccepted = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(deliveries)
    .where(and(eq(deliveries.destinationId, destinationId), inArray(deliveries.uplinkId, uplinkIds)));
  expect(ofAccepted[0]!.n).toBe(uplinkIds.length);
}

// ---------------------------------------------------------------- tests

// The three PGlite tests share one data folder and, after the crash, the restarted process (each start
// costs a PGlite boot): crash and restart; retries on the running worker; a clean stop and a look at
