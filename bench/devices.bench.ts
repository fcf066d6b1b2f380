/**
 * pnpm bench:devices [--pg]: seeds a fleet (100,000 devices on the embedded database; 1,000,000 on
 * PostgreSQL with --pg and DATABASE_URL=postgres://… of a server where it may create a database), then
 * times the devices table query through the API against the same SQL run raw, and a full CSV and XLSX
 * export (rows/s, server peak RSS). Prints figures; asserts nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { adminDatabaseUrl, intSetting } from './lib/env.ts';
import {
  BENCH_USER,
  openBenchDatabase,
  percentile,
  rawTableQueries,
  seedFleet,
  tableQueryString,
} from './lib/fleet.ts';
import { startServer } from './lib/server.ts';

const usePg = process.argv.includes('--pg');
const devices = intSetting('BENCH_DEVICES', usePg ? 1_000_000 : 100_000);
const rounds = intSetting('BENCH_ROUNDS', 60);
let dataDir: string | undefined;
let dbUrl: string | undefined;
let dropDb: (() => Promise<void>) | undefined;

if (usePg) {
  const admin = adminDatabaseUrl();
  const name = `openthings_bench_${Date.now()}`;
  const client = postgres(admin, { max: 1, onnotice: () => {} });
  await client.unsafe(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  dbUrl = url.toString();
  dropDb = async () => {
    await client.unsafe(`drop database if exists ${name} with (force)`);
    await client.end();
  };
} else {
  dataDir = mkdtempSync(join(tmpdir(), 'openthings-bench-devices-'));
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toFixed(1);

try {
  let t0 = process.hrtime.bigint();
  const database = await openBenchDatabase(dbUrl ? { url: dbUrl } : { dataDir: dataDir! });
  const { customerId } = await seedFleet(database, devices);
  console.log(
    `\nSeeded ${devices.toLocaleString('en')} devices on ${usePg ? 'PostgreSQL' : 'PGlite'} in ${fmt(ms(t0) / 1000)} s`,
  );

  // Raw SQL first (on PGlite the database must be closed before the server opens it).
  const raw = rawTableQueries(customerId);
  const rawTimes: number[] = [];
  for (let i = 0; i < rounds + 5; i++) {
    t0 = process.hrtime.bigint();
    await database.db.execute(raw.page);
    await database.db.execute(raw.count);
    if (i >= 5) rawTimes.push(ms(t0));
  }
  // postgres.js answers an array of rows, PGlite an object with `rows`.
  const counted = (await database.db.execute(raw.count)) as unknown as { rows?: { count: number }[] } & {
    count: number;
  }[];
  const count = (counted.rows ?? counted)[0]?.count;
  await database.close();

  const server = await startServer({ port: 8191, databaseUrl: dbUrl, dataDir, seedDemo: false });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(BENCH_USER),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const apiTimes: number[] = [];
    let total = 0;
    for (let i = 0; i < rounds + 5; i++) {
      t0 = process.hrtime.bigint();
      const res = await fetch(`${server.url}/api/devices?${tableQueryString()}`, { headers: { cookie } });
      const body = (await res.json()) as { meta: { total: number } };
      if (i >= 5) apiTimes.push(ms(t0));
      total = body.meta.total;
    }
    console.log(
      `\nDevices table query (search + type + status filters, sort by last message, 50 rows, total = ${total}; raw count ${count})`,
    );
    console.table([
      {
        path: 'API GET /api/devices',
        'p50 ms': fmt(percentile(apiTimes, 50)),
        'p95 ms': fmt(percentile(apiTimes, 95)),
      },
      {
        path: 'raw SQL (page + count)',
        'p50 ms': fmt(percentile(rawTimes, 50)),
        'p95 ms': fmt(percentile(rawTimes, 95)),
      },
    ]);
    console.log(
      `ratio API ÷ raw: p50 ${fmt(percentile(apiTimes, 50) / percentile(rawTimes, 50))}×, p95 ${fmt(percentile(apiTimes, 95) / percentile(rawTimes, 95))}×`,
    );

    const exports = [];
    for (const format of ['csv', 'xlsx'] as const) {
      const rssBefore = rss(server.pid);
      t0 = process.hrtime.bigint();
      const res = await fetch(`${server.url}/api/devices/export?format=${format}&sort=name`, {
        headers: { cookie },
      });
      let bytes = 0;
      let peak = rssBefore;
      let lines = 0;
      const reader = res.body!.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.length;
        if (format === 'csv') for (const b of value) if (b === 10) lines++;
        peak = Math.max(peak, rss(server.pid));
      }
      const seconds = ms(t0) / 1000;
      exports.push({
        format,
        rows: format === 'csv' ? (lines - 1).toLocaleString('en') : devices.toLocaleString('en'),
        'rows/s': Math.round(devices / seconds).toLocaleString('en'),
        MB: fmt(bytes / 1e6),
        s: fmt(seconds),
        'RSS before MB': fmt(rssBefore / 1024),
        'RSS peak MB': fmt(peak / 1024),
        'server VmHWM MB': fmt(hwm(server.pid) / 1024),
      });
    }
    console.log('\nFull export of every device');
    console.table(exports);
  } finally {
    await server.stop();
  }
} finally {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await dropDb?.();
}

function status(pid: number, key: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(key));
  return Number(line?.split(/\s+/)[1] ?? Number.NaN);
}
function rss(pid: number): number {
  return status(pid, 'VmRSS:');
}
function hwm(pid: number): number {
  return status(pid, 'VmHWM:');
}
