/**
 * pnpm bench:mqtt: the built-in MQTT broker with real MQTT.js clients (5.x, MQTT 3.1.1) on PostgreSQL —
 * `server` against a fresh database created on the PostgreSQL server of DATABASE_URL (dropped
 * afterwards), the clients in BENCH_CLIENT_PROCESSES load-generator processes of their own. Each device
 * logs in with its URN and the password the server generated for its MQTT binding and publishes SenML
 * on `devices/<urn>/up`. Three measurements, each next to its goal (issue 15):
 *   (a) BENCH_PUBLISHERS devices (made through the API) connected and publishing QoS 1 at fixed total
 *       rates of 500/s and then 1,000/s, spread evenly over them, open loop (each publish leaves at its
 *       time, whatever the earlier acks do), BENCH_SECONDS each: achieved rate, PUBACK p50/p99/max,
 *       errors, and the uplinks stored (rows of `uplinks`, connector mqtt) against those acknowledged.
 *       Goal: p99 ≤ 50 ms at 1,000/s.
 *   (b) BENCH_DEVICES devices (seeded into the database as the API makes them, a fleet the platform
 *       provisioned) connected, the server process stopped and started again on the same database, and
 *       every device connecting at once: time from the storm's start until all are connected, CONNACK
 *       p50/p99, refusals and errors (a refused device tries again after 1–8 s, as a device would). The
 *       devices connect from BENCH_ADDRESSES loopback addresses (127.1.x.y), one each by default, as a
 *       fleet on the internet does; BENCH_ADDRESSES=1 puts them all behind one address (a carrier NAT).
 *       Goal: all reconnected ≤ 30 s on 2 cores.
 *   (c) the restarted server's resident memory with no device connected and with all of them connected
 *       and idle, each after a full garbage collection (through the inspector): KB per connection (the
 *       difference also holds what the first connections cost once — compiled code, pools — so read it
 *       at thousands of connections). Goal: ≤ 30 KB per idle connection.
 * CPU per process (server, PostgreSQL backends, load generator) is printed for each phase, so a reader
 * can tell whether the server or the load generator was the limit; the load generator shares the cores.
 * Environment: DATABASE_URL (required), BENCH_PUBLISHERS (1,000), BENCH_DEVICES (10,000), BENCH_SECONDS
 * (10), BENCH_CLIENT_PROCESSES (2), BENCH_ADDRESSES (= BENCH_DEVICES), BENCH_CONNECT_CONCURRENCY
 * (connection attempts in flight per client process in the storm; default: all of them at once),
 * BENCH_CPU_PROFILE=<folder> (the server writes a V8 CPU profile per start into its `server/`).
 * Prints figures; asserts nothing.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import postgres from 'postgres';
import { ApiClient, DEMO_ADMIN, ensureInternetDevices, ensureMqttBindings } from './lib/api-client.ts';
import { adminDatabaseUrl, intSetting } from './lib/env.ts';
import { inspectorSession } from './lib/inspector.ts';
import { percentile } from './lib/load.ts';
import {
  type ClientProcess,
  type ConnectReport,
  epochNow,
  freePorts,
  loopbackAddress,
  type MqttDevice,
  type PublishReport,
  seedMqttDevices,
  startClientProcess,
  waitForPort,
} from './lib/mqtt-fleet.ts';
import { cpuWaitSeconds, peakRssMiB, rssMiB } from './lib/processes.ts';
import { cpuSeconds, type RunningServer, startServer } from './lib/server.ts';

const adminUrl = adminDatabaseUrl();
const publisherCount = intSetting('BENCH_PUBLISHERS', 1_000);
const deviceCount = intSetting('BENCH_DEVICES', 10_000);
const seconds = intSetting('BENCH_SECONDS', 10);
const processCount = intSetting('BENCH_CLIENT_PROCESSES', 2);
const addressCount = intSetting('BENCH_ADDRESSES', deviceCount);
const stormConcurrency = intSetting('BENCH_CONNECT_CONCURRENCY', deviceCount);
const RATES = [500, 1_000];
const GOAL = { p99Ms: 50, p99AtRate: 1_000, reconnectS: 30, kbPerConnection: 30 };
/** A device still refused this long after the storm's start gives up (and is reported as not connected). */
const STORM_DEADLINE_MS = 180_000;
const HTTP_PORT = 8196;

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanUp() {
  for (const fn of cleanups.reverse()) await fn().catch(() => {});
}

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const databaseName = `ot_bench_mqtt_${randomBytes(4).toString('hex')}`;
await admin.unsafe(`create database ${databaseName}`);
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
cleanups.push(async () => {
  await admin.unsafe(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
});

const ms = (v: number) => (Number.isNaN(v) ? '–' : Number(v.toFixed(1)));
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const merge = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
};
const labels = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} × ${v}`)
    .join(', ') || 'none';
/** The kernel's TCP counters (this network namespace): connections a full listen queue turned away. */
function listenCounters() {
  const [names, values] = readFileSync('/proc/net/netstat', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('TcpExt:'))
    .map((line) => line.trim().split(/\s+/));
  const get = (name: string) => Number(values?.[names?.indexOf(name) ?? -1] ?? Number.NaN);
  return { overflows: get('ListenOverflows'), synRetransmits: get('TCPSynRetrans') };
}
const sleep = (milliseconds: number) => new Promise((r) => setTimeout(r, milliseconds));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

try {
  const loadBefore = loadavg();
  const [mqttPort, inspectPort] = (await freePorts(2)) as [number, number];
  const start = () =>
    startServer({
      port: HTTP_PORT,
      databaseUrl,
      entry: 'server.ts',
      seedDemo: true,
      mqttPort,
      inspectPort,
    });
  let server: RunningServer = await start();
  cleanups.push(() => server.stop());
  await waitForPort(mqttPort);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  cleanups.push(() => sql.end());

  const clients: ClientProcess[] = [];
  for (let i = 0; i < processCount; i++) {
    const c = await startClientProcess();
    clients.push(c);
    cleanups.push(() => c.stop());
  }
  const target = { host: '127.0.0.1', port: mqttPort };

  // ---------------------------------------------------------------- CPU per process, from /proc
  async function postgresCpu(): Promise<Map<number, number>> {
    const rows = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${databaseName}`;
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  }
  async function cpuSnapshot() {
    const clientPids = clients.map((c) => c.pid);
    return {
      at: epochNow(),
      server: cpuSeconds(server.pid),
      serverWait: cpuWaitSeconds(server.pid),
      loadgen: sum(clientPids.map(cpuSeconds)),
      loadgenWait: sum(clientPids.map(cpuWaitSeconds)),
      self: process.cpuUsage(),
      postgres: await postgresCpu(),
    };
  }
  type CpuSnapshot = Awaited<ReturnType<typeof cpuSnapshot>>;
  /** CPU since `before`, as % of one core: the server, PostgreSQL's backends, the load generator. */
  async function cpuSince(before: CpuSnapshot) {
    const after = await cpuSnapshot();
    const wall = (after.at - before.at) / 1000;
    const pct = (s: number) => Math.round((s / wall) * 100);
    let postgresSeconds = 0;
    for (const [pid, cpu] of after.postgres) postgresSeconds += cpu - (before.postgres.get(pid) ?? 0);
    const self = process.cpuUsage(before.self);
    return {
      'server cpu %': pct(after.server - before.server),
      'postgres cpu %': pct(postgresSeconds),
      'load generator cpu %': pct(after.loadgen - before.loadgen + (self.user + self.system) / 1e6),
      'server waited for cpu %': pct(after.serverWait - before.serverWait),
      'load generator waited %': pct(after.loadgenWait - before.loadgenWait),
    };
  }

  /** Gives each client process its share of `devices` (device i to process i mod n). */
  async function handOut(devices: MqttDevice[]) {
    await Promise.all(
      clients.map((c, p) =>
        c.call({ cmd: 'devices', devices: devices.filter((_, i) => i % clients.length === p), target }, 'ok'),
      ),
    );
  }
  async function connectAll(options: { concurrency: number; startAt?: number }): Promise<{
    startAt: number;
    reports: ConnectReport[];
  }> {
    const startAt = options.startAt ?? epochNow();
    const reports = await Promise.all(
      clients.map((c) =>
        c.call(
          {
            cmd: 'connect',
            startAt,
            concurrency: options.concurrency,
            retry: true,
            deadlineMs: STORM_DEADLINE_MS,
            attemptTimeoutMs: 30_000,
          },
          'connected',
        ),
      ),
    );
    return { startAt, reports: reports.map((r) => r.report) };
  }
  const connectedCount = (reports: ConnectReport[]) => sum(reports.map((r) => r.connectedAt.length));
  const endAll = () => Promise.all(clients.map((c) => c.call({ cmd: 'end' }, 'ok')));

  // ---------------------------------------------------------------- set-up through the public API
  log(`server on PostgreSQL (database ${databaseName}), broker on 127.0.0.1:${mqttPort}`);
  const api = await ApiClient.signIn(server.url, DEMO_ADMIN);
  const project = await api.project('Fleet demo');
  const { flow } = await api.flow(project.id, 'MQTT bench', true);
  let t0 = Date.now();
  const { devices: made } = await ensureInternetDevices(api, {
    projectId: project.id,
    flowId: flow.id,
    prefix: 'mqtt-pub-',
    count: publisherCount,
  });
  const passwords = await ensureMqttBindings(
    api,
    made.map((d) => d.id),
  );
  const publishers: MqttDevice[] = made.map((d) => ({ urn: d.urn, password: passwords.get(d.id)! }));
  log(
    `${publisherCount} publishers made through the API (device, network information, flow link, MQTT binding ` +
      `with a generated password) in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  t0 = Date.now();
  const fleet = (
    await seedMqttDevices(sql, {
      projectId: project.id,
      flowId: flow.id,
      prefix: 'mqtt-fleet-',
      count: deviceCount,
    })
  ).map((d, i) => ({ ...d, localAddress: loopbackAddress(i, addressCount) }));
  log(`${deviceCount} fleet devices seeded into the database in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // ---------------------------------------------------------------- (a) PUBACK latency at fixed rates
  await handOut(publishers);
  t0 = Date.now();
  const pubConnect = await connectAll({ concurrency: 50 });
  log(
    `(a) ${connectedCount(pubConnect.reports)} of ${publisherCount} publishers connected in ` +
      `${((Date.now() - t0) / 1000).toFixed(1)} s (refusals: ${labels(pubConnect.reports.reduce((into, r) => merge(into, r.refusals), {} as Record<string, number>))})`,
  );
  const storedUplinks = async () => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from uplinks where connector = 'mqtt'`;
    return row!.n;
  };
  async function publishRound(rate: number, durationMs: number) {
    const total = sum(clients.map((c) => c.devices));
    const storedBefore = await storedUplinks();
    const cpuBefore = await cpuSnapshot();
    // Every process starts its schedule at the same moment; each takes its share of the rate.
    const startAt = epochNow() + 300;
    const reports: PublishReport[] = (
      await Promise.all(
        clients.map((c) =>
          c.call({ cmd: 'publish', rate: (rate * c.devices) / total, durationMs, startAt }, 'published'),
        ),
      )
    ).map((r) => r.report);
    const cpu = await cpuSince(cpuBefore);
    const stored = (await storedUplinks()) - storedBefore;
    const latencies = reports.flatMap((r) => r.latenciesMs);
    const late = reports.flatMap((r) => r.lateMs);
    const acked = sum(reports.map((r) => r.acked));
    const errors = reports.reduce((into, r) => merge(into, r.errors), {} as Record<string, number>);
    return {
      rate,
      sent: sum(reports.map((r) => r.sent)),
      acked,
      latencies,
      late,
      errors,
      stored,
      cpu,
      // Publishes leave over durationMs; acks may come later.
      achieved: acked / (durationMs / 1000),
    };
  }
  log('(a) warming up: 3 s at 100/s (not counted)…');
  await publishRound(100, 3_000);
  const rounds: Awaited<ReturnType<typeof publishRound>>[] = [];
  for (const rate of RATES) {
    log(`(a) ${rate}/s for ${seconds} s…`);
    rounds.push(await publishRound(rate, seconds * 1000));
  }
  await endAll();

  // ---------------------------------------------------------------- (b) reconnect storm after a restart
  await handOut(fleet);
  t0 = Date.now();
  const first = await connectAll({ concurrency: 100 });
  const firstSeconds = (Date.now() - t0) / 1000;
  const firstRefusals = first.reports.reduce(
    (into, r) => merge(into, r.refusals),
    {} as Record<string, number>,
  );
  log(
    `(b) ${connectedCount(first.reports)} of ${deviceCount} devices connected (100 at a time per process) in ` +
      `${firstSeconds.toFixed(1)} s; refusals: ${labels(firstRefusals)}; server RSS ${rssMiB(server.pid).toFixed(0)} MiB`,
  );
  log('(b) stopping the server…');
  t0 = Date.now();
  await server.stop();
  const stillOpen = sum(
    (await Promise.all(clients.map((c) => c.call({ cmd: 'wait-closed', ms: 15_000 }, 'closed')))).map(
      (r) => r.stillOpen,
    ),
  );
  log(
    `(b) server stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s (${stillOpen} clients still open); starting it again…`,
  );
  t0 = Date.now();
  server = await start();
  await waitForPort(mqttPort);
  log(`(b) server ready, broker listening, ${((Date.now() - t0) / 1000).toFixed(1)} s after the start`);

  // (c) before: the fresh server, settled, after a full garbage collection.
  log('(c) attaching to the server\'s inspector for garbage collections (it prints "Debugger attached.")');
  const inspector = await inspectorSession(inspectPort);
  cleanups.push(async () => inspector.close());
  async function settledMemory() {
    await inspector.collectGarbage();
    await inspector.collectGarbage();
    await sleep(1_000);
    const heap = await inspector.heapUsage();
    return { rssMiB: rssMiB(server.pid), heapMiB: heap.usedSize / 2 ** 20 };
  }
  await sleep(3_000);
  const before = await settledMemory();
  log(`(c) server idle: RSS ${before.rssMiB.toFixed(1)} MiB, JS heap ${before.heapMiB.toFixed(1)} MiB`);

  log(`(b) storm: ${deviceCount} devices connecting at once…`);
  const stormCpuBefore = await cpuSnapshot();
  const tcpBefore = listenCounters();
  const storm = await connectAll({ concurrency: stormConcurrency });
  const stormCpu = await cpuSince(stormCpuBefore);
  const tcpAfter = listenCounters();
  const stormPeakRss = peakRssMiB(server.pid);
  const connectedAt = storm.reports.flatMap((r) => r.connectedAt);
  const attemptMs = storm.reports.flatMap((r) => r.attemptMs);
  const stormRefusals = storm.reports.reduce(
    (into, r) => merge(into, r.refusals),
    {} as Record<string, number>,
  );
  const allSeconds = (Math.max(...storm.reports.map((r) => r.lastAt)) - storm.startAt) / 1000;
  const notConnected = sum(storm.reports.map((r) => r.notConnected));

  // (c) after: every device connected and idle, settled, after a full garbage collection.
  await sleep(5_000);
  const settledRss = rssMiB(server.pid);
  const after = await settledMemory();
  const connections = connectedAt.length;
  const kbPerConnection = ((after.rssMiB - before.rssMiB) * 1024) / Math.max(1, connections);
  const heapKbPerConnection = ((after.heapMiB - before.heapMiB) * 1024) / Math.max(1, connections);
  const loadgenRss = sum(clients.map((c) => rssMiB(c.pid)));
  await endAll();
  const loadAfter = loadavg();

  // ---------------------------------------------------------------- report
  console.log(
    `\nOpenThings MQTT benchmark — server on PostgreSQL, MQTT.js 5 clients (MQTT 3.1.1) in ${processCount} ` +
      `load-generator process${processCount > 1 ? 'es' : ''}, 127.0.0.1; cpu % is of one core`,
  );
  console.log(
    `machine: ${cpus().length} cores, load average (1/5/15 min) ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} ` +
      `before the run and ${loadAfter.map((l) => l.toFixed(2)).join(' / ')} after (the load generator and ` +
      'PostgreSQL share the cores with the server)',
  );
  console.log(
    `\n(a) ${publisherCount} connected devices publishing SenML QoS 1, open loop, ${seconds} s per rate ` +
      `(goal: PUBACK p99 ≤ ${GOAL.p99Ms} ms at ${GOAL.p99AtRate.toLocaleString('en')}/s):`,
  );
  console.table(
    rounds.map((r) => {
      const p99 = percentile(r.latencies, 99);
      return {
        'rate /s': r.rate,
        'achieved /s': Math.round(r.achieved),
        sent: r.sent,
        acked: r.acked,
        'PUBACK p50 ms': ms(percentile(r.latencies, 50)),
        'PUBACK p99 ms': ms(p99),
        'PUBACK max ms': ms(percentile(r.latencies, 100)),
        [`p99 ≤ ${GOAL.p99Ms} ms`]: r.rate === GOAL.p99AtRate ? (p99 <= GOAL.p99Ms ? 'yes' : 'no') : '–',
        errors: sum(Object.values(r.errors)),
        stored: r.stored,
        lost: Math.max(0, r.acked - r.stored),
        'sent late p99 ms': ms(percentile(r.late, 99)),
      };
    }),
  );
  for (const r of rounds)
    if (sum(Object.values(r.errors)) > 0) console.log(`  ${r.rate}/s errors: ${labels(r.errors)}`);
  console.log(
    'stored: new rows of `uplinks` (connector mqtt); lost: acknowledged but not stored. sent late: how long ' +
      'after its slot a publish left (the load generator’s own lag). CPU during each rate:',
  );
  console.table(rounds.map((r) => ({ 'rate /s': r.rate, ...r.cpu })));

  console.log(
    `\n(b) ${deviceCount.toLocaleString('en')} devices reconnecting at once after a server restart, from ` +
      `${Math.min(addressCount, deviceCount).toLocaleString('en')} source address${addressCount > 1 ? 'es' : ''} ` +
      `(goal: all connected ≤ ${GOAL.reconnectS} s on 2 cores):`,
  );
  console.table([
    {
      phase: `first connect (server up, ${100 * processCount} at a time)`,
      connected: connectedCount(first.reports),
      'all connected after s': ms(firstSeconds),
      'connected after p50 s': ms(
        percentile(
          first.reports.flatMap((r) => r.connectedAt),
          50,
        ) / 1000,
      ),
      'connected after p99 s': ms(
        percentile(
          first.reports.flatMap((r) => r.connectedAt),
          99,
        ) / 1000,
      ),
      'CONNACK p50 ms': ms(
        percentile(
          first.reports.flatMap((r) => r.attemptMs),
          50,
        ),
      ),
      'CONNACK p99 ms': ms(
        percentile(
          first.reports.flatMap((r) => r.attemptMs),
          99,
        ),
      ),
      [`≤ ${GOAL.reconnectS} s`]: '–',
      'refused/failed attempts': sum(Object.values(firstRefusals)),
      'not connected': sum(first.reports.map((r) => r.notConnected)),
    },
    {
      phase: 'storm after the restart',
      connected: connections,
      'all connected after s': ms(allSeconds),
      'connected after p50 s': ms(percentile(connectedAt, 50) / 1000),
      'connected after p99 s': ms(percentile(connectedAt, 99) / 1000),
      'CONNACK p50 ms': ms(percentile(attemptMs, 50)),
      'CONNACK p99 ms': ms(percentile(attemptMs, 99)),
      [`≤ ${GOAL.reconnectS} s`]: notConnected === 0 && allSeconds <= GOAL.reconnectS ? 'yes' : 'no',
      'refused/failed attempts': sum(Object.values(stormRefusals)),
      'not connected': notConnected,
    },
  ]);
  console.log(
    `storm attempts ${sum(storm.reports.map((r) => r.attempts))}; refused or failed: ${labels(stormRefusals)}. ` +
      'connected after: from the storm’s start to the device’s CONNACK; CONNACK: of the successful attempt, ' +
      'from opening the socket. CPU during the storm:',
  );
  console.table([{ phase: 'storm', seconds: ms(allSeconds), ...stormCpu }]);
  console.log(
    `kernel, during the storm: ${tcpAfter.overflows - tcpBefore.overflows} connections found the broker's listen ` +
      `queue full (ListenOverflows), ${tcpAfter.synRetransmits - tcpBefore.synRetransmits} SYNs sent again ` +
      '(TCPSynRetrans; counters of the whole machine).',
  );
  console.log(
    `the load generator had opened every device's first attempt ${ms(
      Math.max(...storm.reports.map((r) => r.firstTriesOpenedMs)) / 1000,
    )} s after the storm's start (creating ${Math.ceil(deviceCount / processCount).toLocaleString('en')} ` +
      'MQTT.js clients per process).',
  );
  console.log(
    `server peak RSS since the restart ${stormPeakRss.toFixed(0)} MiB; load generator RSS with every device ` +
      `connected ${loadgenRss.toFixed(0)} MiB`,
  );

  console.log(
    `\n(c) the restarted server’s memory, idle, after a full garbage collection (goal: ≤ ${GOAL.kbPerConnection} KB ` +
      'per idle connection):',
  );
  console.table([
    {
      connections: 0,
      'RSS MiB': ms(before.rssMiB),
      'JS heap MiB': ms(before.heapMiB),
      'KB per connection': '',
      [`≤ ${GOAL.kbPerConnection} KB`]: '',
    },
    {
      connections: connections,
      'RSS MiB': ms(after.rssMiB),
      'JS heap MiB': ms(after.heapMiB),
      'KB per connection': ms(kbPerConnection),
      [`≤ ${GOAL.kbPerConnection} KB`]: kbPerConnection <= GOAL.kbPerConnection ? 'yes' : 'no',
    },
  ]);
  console.log(
    `KB per connection: (RSS after − RSS before) ÷ connections; of it, JS heap ${ms(heapKbPerConnection)} KB. ` +
      `RSS 5 s after the storm, before the garbage collection: ${settledRss.toFixed(1)} MiB.`,
  );
} finally {
  await cleanUp();
}
