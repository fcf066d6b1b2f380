import type postgres from 'postgres';
import { cpuWaitSeconds } from './processes.ts';
import { cpuSeconds } from './server.ts';

/**
 * CPU accounting of a benchmark run: the OpenThings processes (server/start and workers), the
 * receiver, the plain server, this load generator, and — on PostgreSQL — the backends serving the
 * benchmark's database (same machine), read from /proc.
 */
export function cpuMeter(options: {
  serverPids: () => number[];
  workerPids: () => number[];
  receiverPid: number;
  plainPid: number;
  /** The admin connection and database name, on PostgreSQL. */
  postgres?: { admin: postgres.Sql; database: string };
}) {
  const sumCpu = (pids: number[]) => pids.reduce((s, pid) => s + cpuSeconds(pid), 0);
  const platformPids = () => [...options.serverPids(), ...options.workerPids()];
  const pg = options.postgres;

  async function postgresCpu(): Promise<Map<number, number>> {
    if (!pg) return new Map();
    const rows = await pg.admin<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = ${pg.database}`;
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)]));
  }

  async function snapshot() {
    return {
      self: process.cpuUsage(),
      wait: platformPids().reduce((s, pid) => s + cpuWaitSeconds(pid), 0),
      server: sumCpu(options.serverPids()),
      workers: sumCpu(options.workerPids()),
      receiver: cpuSeconds(options.receiverPid),
      plain: cpuSeconds(options.plainPid),
      postgres: await postgresCpu(),
    };
  }
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;

  return {
    snapshot,
    /** CPU since `before` over `wallSeconds`, as % of one core per process group. */
    async percent(before: Snapshot, wallSeconds: number) {
      const after = await snapshot();
      const self = process.cpuUsage(before.self);
      const pct = (s: number) => Math.round((s / wallSeconds) * 100);
      let postgresSeconds = 0;
      for (const [pid, cpu] of after.postgres) postgresSeconds += cpu - (before.postgres.get(pid) ?? 0);
      return {
        /** CPU seconds of everything OpenThings ran on (its processes and PostgreSQL's backends). */
        platformSeconds: after.server - before.server + after.workers - before.workers + postgresSeconds,
        /** Runnable but waiting for a core: time lost to the other processes on the machine. */
        waited: pct(after.wait - before.wait),
        loadgen: pct((self.user + self.system) / 1e6),
        server: pct(after.server - before.server),
        workers: pct(after.workers - before.workers),
        receiver: pct(after.receiver - before.receiver),
        plain: pct(after.plain - before.plain),
        postgres: pg ? pct(postgresSeconds) : Number.NaN,
        /** CPU seconds per process group, for figures per uplink. */
        seconds: {
          server: after.server - before.server,
          workers: after.workers - before.workers,
          postgres: postgresSeconds,
        },
      };
    },
  };
}

/**
 * PostgreSQL only: samples, every 250 ms, how many of the benchmark database's backends are active and
 * how many of those wait on a lock (workers whose transactions touch the same rows). Call the returned
 * function to stop and get the means.
 */
export function sampleBackends(pg: { admin: postgres.Sql; database: string } | undefined) {
  let samples = 0;
  let active = 0;
  let waiting = 0;
  const timer = pg
    ? setInterval(() => {
        pg.admin<{ active: number; waiting: number }[]>`
          select count(*) filter (where state = 'active')::int as active,
                 count(*) filter (where wait_event_type = 'Lock')::int as waiting
            from pg_stat_activity where datname = ${pg.database}`
          .then(([row]) => {
            samples++;
            active += row!.active;
            waiting += row!.waiting;
          })
          .catch(() => {});
      }, 250)
    : undefined;
  return () => {
    clearInterval(timer);
    return { active: active / Math.max(1, samples), waiting: waiting / Math.max(1, samples) };
  };
}
