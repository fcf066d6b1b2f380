/**
 * pnpm bench:pipeline [--pg] [--workers N]: the uplink pipeline end to end. Creates internet devices,
 * a flow with the SenML decoder (the default for SenML devices) and an HTTPS destination pointing at a
 * local receiver on 127.0.0.1; drives signed HTTP SenML uplinks for a fixed time on bounded keep-alive
 * connections, waits until the receiver has every accepted uplink (drain), and prints accepted/s, ack
 * p50/p99, delivered/s, uplink→delivery p50/p99 (receiver clock minus the send time carried in `bt`),
 * lost and duplicated deliveries (by the `seq` record and `webhook-id`), CPU per process and per
 * delivered uplink, WAL bytes per delivered uplink (PostgreSQL), and resident memory under load and at its peak.
 * A plain node:http 204 server takes the same requests in interleaved rounds: the machine's limit,
 * and the ratio to it is the figure to compare across machines.
 *
 * Default: `start` (server + worker in one process) on the embedded database. `--pg`: `server` plus N
 * `worker` processes against a fresh database created on the PostgreSQL server of DATABASE_URL.
 * Environment: BENCH_SECONDS (per round, 10), BENCH_ROUNDS (2), BENCH_CONNECTIONS (32),
 * BENCH_DEVICES (100), BENCH_RATE (uplinks/s for the pipeline rounds, open loop — to read the latency at
 * a given load; unset: as fast as the connections allow). Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { ApiClient, DEMO_ADMIN, ensureInternetDevices } from './lib/api-client.ts';
import { adminDatabaseUrl, intSetting, positiveSetting } from './lib/env.ts';
import {
  createPoster,
  driveLoad,
  type LoadResult,
  messageToken,
  percentile,
  SimulatedSensor,
  senmlPack,
} from './lib/load.ts';
import { cpuMeter, sampleBackends } from './lib/measure.ts';
import { type Child, peakRssMiB, rssMiB, startSink, startWorkerProcess } from './lib/processes.ts';
import { startServer } from './lib/server.ts';

const { values } = parseArgs({
  options: { pg: { type: 'boolean', default: false }, workers: { type: 'string', default: '2' } },
});
const usePg = values.pg;
const workerCount = Number(values.workers);
const seconds = intSetting('BENCH_SECONDS', 10);
const rounds = intSetting('BENCH_ROUNDS', 2);
const connections = intSetting('BENCH_CONNECTIONS', 32);
const deviceCount = intSetting('BENCH_DEVICES', 100);
/** Uplinks per second for the pipeline rounds (open loop); unset: as fast as the connections allow. */
const rate = positiveSetting('BENCH_RATE');
const adminUrl = usePg ? adminDatabaseUrl() : undefined;
if (!Number.isInteger(workerCount) || workerCount < 1) {
  console.error('--workers must be a whole number ≥ 1');
  process.exit(2);
}
const INGEST_PATH = '/ingestion/ip/senml/v1';
// A delivery claimed by a killed or stuck worker comes back after its 60 s lease; wait a bit longer.
const DRAIN_STALL_MS = 75_000;

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
}

let admin: postgres.Sql | undefined;
let databaseName = '';
let databaseUrl: string | undefined;
if (usePg) {
  admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  databaseName = `ot_bench_pipeline_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${databaseName}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${databaseName}`;
  databaseUrl = url.toString();
  cleanups.push(async () => {
    await admin!.unsafe(`drop database if exists ${databaseName} with (force)`);
    await admin!.end();
  });
}

try {
  const server = await startServer({
    port: 8192,
    // The receiver listens on 127.0.0.1: deliveries to private addresses must be allowed
    // (NODE_ENV=production would otherwise refuse them).
    allowPrivateDestinations: true,
    databaseUrl,
    entry: usePg ? 'server.ts' : 'start.ts',
    seedDemo: true,
  });
  cleanups.push(() => server.stop());
  const workers: Child[] = [];
  if (usePg) {
    for (let i = 0; i < workerCount; i++) {
      const w = await startWorkerProcess(databaseUrl!);
      workers.push(w);
      cleanups.push(() => w.stop());
    }
  }
  const receiver = await startSink('receiver');
  cleanups.push(() => receiver.stop());
  const plain = await startSink('plain');
  cleanups.push(() => plain.stop());

  // ---------------------------------------------------------------- set-up through the public API
  const api = await ApiClient.signIn(server.url, DEMO_ADMIN);
  const project = await api.project('Fleet demo');
  const { flow } = await api.flow(project.id, 'Pipeline bench', true);
  const { devices } = await ensureInternetDevices(api, {
    projectId: project.id,
    flowId: flow.id,
    prefix: 'bench-',
    count: deviceCount,
  });
  const { destination } = await api.request<{ destination: { id: string } }>('POST', '/api/destinations', {
    kind: 'HTTPS',
    name: 'Pipeline bench receiver',
    config: { url: `${receiver.url}/hook` },
  });
  await api.request('POST', `/api/device-groups/${flow.id}/destinations/${destination.id}`);

  const sensors = devices.map((_, i) => new SimulatedSensor(i));
  const uplinkPoster = createPoster(server.url, connections);
  const plainPoster = createPoster(plain.url, connections);
  cleanups.push(async () => {
    uplinkPoster.close();
    plainPoster.close();
  });
  let nextSeq = 0;

  /** One signed uplink: the pack carries its send time (`bt`) and its number (`seq`). */
  function uplink(seq: number) {
    const i = seq % devices.length;
    const device = devices[i]!;
    const body = senmlPack(device.urn, sensors[i]!.next(), Date.now(), [{ n: 'seq', v: seq }]);
    const headers = {
      'content-type': 'application/senml+json',
      'things-message-token': messageToken(body, device.sharedSecret),
    };
    return { body, headers };
  }

  const pg = admin ? { admin, database: databaseName } : undefined;
  const meter = cpuMeter({
    serverPids: () => [server.pid],
    workerPids: () => workers.map((w) => w.pid),
    receiverPid: receiver.pid,
    plainPid: plain.pid,
    ...(pg ? { postgres: pg } : {}),
  });

  async function receiverGet<T>(path: string): Promise<T> {
    return (await fetch(`${receiver.url}${path}`)).json() as Promise<T>;
  }

  /** The cluster's WAL position (PostgreSQL only). */
  async function walPosition(): Promise<string | undefined> {
    if (!admin) return undefined;
    const [row] = await admin<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    return row!.lsn;
  }
  async function walSince(lsn: string): Promise<number> {
    const [row] = await admin!<{ bytes: string }[]>`
      select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn}::pg_lsn)::text as bytes`;
    return Number(row!.bytes);
  }

  async function pipelineRound(durationMs: number) {
    const from = nextSeq;
    const accepted: number[] = [];
    const { distinct: distinctBefore } = await receiverGet<{ distinct: number }>('/count');
    const startedAt = Date.now();
    const cpuBefore = await meter.snapshot();
    const walBefore = await walPosition();
    const backends = sampleBackends(pg);
    const load: LoadResult = await driveLoad({
      durationMs,
      concurrency: connections,
      ...(rate ? { rate } : {}),
      async send() {
        const seq = nextSeq++;
        const { body, headers } = uplink(seq);
        const answer = await uplinkPoster.post(INGEST_PATH, headers, body);
        if (answer.status === 202) accepted.push(seq);
        return { ok: answer.status === 202, label: String(answer.status) };
      },
    }).done;
    const cpu = await meter.percent(cpuBefore, load.elapsedMs / 1000);
    const to = nextSeq;
    const roundCpuBefore = cpuBefore;
    // Drain: until the receiver has as many distinct uplinks as were accepted, or nothing moves.
    let seen = distinctBefore;
    let lastProgress = Date.now();
    while (seen - distinctBefore < accepted.length && Date.now() - lastProgress < DRAIN_STALL_MS) {
      await new Promise((r) => setTimeout(r, 100));
      const { distinct } = await receiverGet<{ distinct: number }>('/count');
      if (distinct > seen) lastProgress = Date.now();
      seen = distinct;
    }
    const drainedAt = Date.now();
    const walBytes = walBefore === undefined ? Number.NaN : await walSince(walBefore);
    const backendLoad = backends();
    const roundCpu = await meter.percent(roundCpuBefore, (drainedAt - startedAt) / 1000);
    const stats = await receiverGet<{
      seqs: number[];
      latencies: number[];
      lastAt: number;
      sameIdDuplicates: number;
      otherIdDuplicates: number;
    }>(`/stats?from=${from}&to=${to}`);
    const received = new Set(stats.seqs);
    const lost = accepted.filter((s) => !received.has(s)).length;
    const acceptedSet = new Set(accepted);
    const unexpected = stats.seqs.filter((s) => !acceptedSet.has(s)).length;
    const deliveredSeconds = (stats.lastAt - startedAt) / 1000;
    return {
      load,
      accepted: accepted.length,
      delivered: received.size - unexpected,
      deliveredSeconds,
      drainSeconds: (drainedAt - startedAt - load.elapsedMs) / 1000,
      e2e: stats.latencies,
      lost,
      unexpected,
      duplicates: stats.sameIdDuplicates + stats.otherIdDuplicates,
      otherIdDuplicates: stats.otherIdDuplicates,
      cpu,
      backendLoad,
      /** CPU milliseconds the platform spent per delivered uplink over the whole round. */
      cpuMsPerUplink: (roundCpu.platformSeconds * 1000) / Math.max(1, received.size - unexpected),
      /** The same per process group. */
      msPerUplink: {
        server: (roundCpu.seconds.server * 1000) / Math.max(1, received.size - unexpected),
        workers: (roundCpu.seconds.workers * 1000) / Math.max(1, received.size - unexpected),
        postgres: (roundCpu.seconds.postgres * 1000) / Math.max(1, received.size - unexpected),
      },
      /** WAL PostgreSQL wrote per delivered uplink over the round (the whole cluster: keep it quiet). */
      walPerUplink: walBytes / Math.max(1, received.size - unexpected),
    };
  }

  async function plainRound(durationMs: number) {
    let seq = 0;
    const cpuBefore = await meter.snapshot();
    const load = await driveLoad({
      durationMs,
      concurrency: connections,
      async send() {
        // The same requests the pipeline gets, built and signed the same way.
        const { body, headers } = uplink(1e9 + seq++);
        const answer = await plainPoster.post(INGEST_PATH, headers, body);
        return { ok: answer.status === 204, label: String(answer.status) };
      },
    }).done;
    return { load, cpu: await meter.percent(cpuBefore, load.elapsedMs / 1000) };
  }

  // ---------------------------------------------------------------- rounds
  const ms = (v: number) => (Number.isNaN(v) ? '–' : Number(v.toFixed(1)));
  const loadBefore = loadavg()[0]!;
  console.log('warming up (3 s pipeline, 2 s plain; not counted)…');
  await pipelineRound(3_000);
  await plainRound(2_000);

  const pipelineRows: Record<string, unknown>[] = [];
  const cpuRows: Record<string, unknown>[] = [];
  const plainRows: Record<string, unknown>[] = [];
  const ratios: number[] = [];
  let totals = { accepted: 0, seconds: 0, plainRequests: 0, plainSeconds: 0, lost: 0, delivered: 0 };
  const e2eAll: number[] = [];
  const ackAll: number[] = [];
  // Resident memory under load: sampled over the rounds (the peak also counts start-up and set-up).
  const loadRss = new Map<number, number>();
  const rssSampler = setInterval(() => {
    for (const pid of [server.pid, ...workers.map((w) => w.pid)])
      loadRss.set(pid, Math.max(loadRss.get(pid) ?? 0, rssMiB(pid) || 0));
  }, 250);
  for (let r = 1; r <= rounds; r++) {
    console.log(
      `round ${r}/${rounds}: plain node:http ${seconds} s, then the pipeline ${seconds} s + drain…`,
    );
    const p = await plainRound(seconds * 1000);
    const plainRate = p.load.accepted / (p.load.elapsedMs / 1000);
    plainRows.push({
      round: r,
      'req/s': Math.round(plainRate),
      'p50 ms': ms(percentile(p.load.latenciesMs, 50)),
      'p99 ms': ms(percentile(p.load.latenciesMs, 99)),
      failed: p.load.failed,
      'plain server cpu %': p.cpu.plain,
      'loadgen cpu %': p.cpu.loadgen,
    });
    const u = await pipelineRound(seconds * 1000);
    const acceptedRate = u.accepted / (u.load.elapsedMs / 1000);
    ratios.push(acceptedRate / plainRate);
    totals = {
      accepted: totals.accepted + u.accepted,
      seconds: totals.seconds + u.load.elapsedMs / 1000,
      plainRequests: totals.plainRequests + p.load.accepted,
      plainSeconds: totals.plainSeconds + p.load.elapsedMs / 1000,
      lost: totals.lost + u.lost,
      delivered: totals.delivered + u.delivered,
    };
    for (const v of u.e2e) e2eAll.push(v);
    for (const v of u.load.latenciesMs) ackAll.push(v);
    pipelineRows.push({
      round: r,
      'accepted/s': Math.round(acceptedRate),
      'ack p50 ms': ms(percentile(u.load.latenciesMs, 50)),
      'ack p99 ms': ms(percentile(u.load.latenciesMs, 99)),
      'delivered/s': Math.round(u.delivered / u.deliveredSeconds),
      'e2e p50 ms': ms(percentile(u.e2e, 50)),
      'e2e p99 ms': ms(percentile(u.e2e, 99)),
      lost: u.lost,
      dup: u.duplicates,
      'drain s': ms(u.drainSeconds),
      failed: u.load.failed,
    });
    cpuRows.push({
      round: r,
      ...(usePg
        ? {
            'server cpu %': u.cpu.server,
            'workers cpu %': u.cpu.workers,
            'postgres cpu %': u.cpu.postgres,
            'pg active': ms(u.backendLoad.active),
            'pg lock-waiting': ms(u.backendLoad.waiting),
          }
        : { 'start cpu %': u.cpu.server }),
      'waited for cpu %': u.cpu.waited,
      'cpu ms/uplink': ms(u.cpuMsPerUplink),
      ...(usePg
        ? {
            'server ms/uplink': Number(u.msPerUplink.server.toFixed(2)),
            'workers ms/uplink': Number(u.msPerUplink.workers.toFixed(2)),
            'postgres ms/uplink': Number(u.msPerUplink.postgres.toFixed(2)),
            'WAL KB/uplink': Number((u.walPerUplink / 1024).toFixed(2)),
          }
        : {}),
      'receiver cpu %': u.cpu.receiver,
      'loadgen cpu %': u.cpu.loadgen,
    });
    if (u.unexpected > 0) console.log(`  note: ${u.unexpected} uplinks arrived whose send did not get a 202`);
    if (u.otherIdDuplicates > 0)
      console.log(`  note: ${u.otherIdDuplicates} duplicate deliveries carried a different webhook-id`);
  }

  clearInterval(rssSampler);
  const rssOf = (pid: number) =>
    `${(loadRss.get(pid) ?? Number.NaN).toFixed(0)} MiB under load (peak ${peakRssMiB(pid).toFixed(0)})`;
  const rss = [
    `${usePg ? 'server' : 'start'} ${rssOf(server.pid)}`,
    ...workers.map((w, i) => `worker ${i + 1} ${rssOf(w.pid)}`),
  ].join(', ');
  const mode = usePg
    ? `PostgreSQL (server + ${workerCount} worker process${workerCount > 1 ? 'es' : ''})`
    : 'PGlite (embedded, start: one process)';
  console.log(
    `\nOpenThings pipeline benchmark — ${mode}; ${deviceCount} devices, ${connections} connections, ` +
      `${rounds} × ${seconds} s per side, interleaved, 127.0.0.1; cpu % is of one core during the drive` +
      (rate ? `; pipeline driven at ${rate} uplinks/s (open loop)` : ''),
  );
  console.log(
    `machine: ${cpus().length} cores, 1-minute load average ${loadBefore.toFixed(1)} before the run and ` +
      `${loadavg()[0]!.toFixed(1)} after (other processes share the cores: see "waited for cpu")`,
  );
  console.log('HTTP SenML ingest → decode → HTTPS delivery to a local receiver:');
  console.table(pipelineRows);
  console.log(
    'CPU during the pipeline drive, % of one core (waited: runnable OpenThings threads waiting for a core);\n' +
      'cpu ms/uplink: OpenThings' +
      (usePg ? ' + PostgreSQL' : '') +
      ' CPU over drive and drain per delivered uplink' +
      (usePg
        ? ', and per process group; WAL KB/uplink: WAL the cluster wrote per delivered uplink; pg active / lock-waiting: mean backends of the database over drive and drain:'
        : ':'),
  );
  console.table(cpuRows);
  console.log('plain node:http server answering 204 to the same requests (the machine’s limit):');
  console.table(plainRows);
  const acceptedPerSecond = totals.accepted / totals.seconds;
  const plainPerSecond = totals.plainRequests / totals.plainSeconds;
  console.log(
    `all rounds: accepted ${Math.round(acceptedPerSecond)}/s, ack p50 ${ms(percentile(ackAll, 50))} ms ` +
      `p99 ${ms(percentile(ackAll, 99))} ms; uplink→delivery p50 ${ms(percentile(e2eAll, 50))} ms ` +
      `p99 ${ms(percentile(e2eAll, 99))} ms; delivered ${totals.delivered} of ${totals.accepted}, lost ${totals.lost}`,
  );
  console.log(
    `ratio accepted/s ÷ plain node:http req/s: ${(acceptedPerSecond / plainPerSecond).toFixed(3)} ` +
      `(per round: ${ratios.map((x) => x.toFixed(3)).join(', ')})`,
  );
  console.log(`RSS: ${rss}`);
} finally {
  await cleanUp();
}
