/**
 * pnpm bench:api [--pg]: authenticated GET /api/projects against GET /healthz on the same server, 50
 * connections for 10 s each on 127.0.0.1, and their ratio. Load generator and server share the two
 * cores, so compare the ratio, not the absolute numbers, across machines. Prints; asserts nothing.
 */
import autocannon from 'autocannon';
import { adminDatabaseUrl, intSetting } from './lib/env.ts';
import { cpuSeconds, demoBearer, startServer } from './lib/server.ts';

const usePg = process.argv.includes('--pg');
const databaseUrl = usePg ? adminDatabaseUrl() : undefined;
const connections = 50;
const duration = intSetting('BENCH_SECONDS', 10);

const server = await startServer({ port: 8190, databaseUrl });
try {
  const token = await demoBearer(server.url, ['manager:read']);

  async function run(name: string, path: string, headers: Record<string, string> = {}) {
    const cpuBefore = cpuSeconds(server.pid);
    const selfBefore = process.cpuUsage();
    const result = await autocannon({ url: `${server.url}${path}`, connections, duration, headers });
    const self = process.cpuUsage(selfBefore);
    const serverCpu = cpuSeconds(server.pid) - cpuBefore;
    const row = {
      name,
      'req/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      non2xx: result.non2xx,
      errors: result.errors,
      'server cpu %': Math.round((serverCpu / duration) * 100),
      'loadgen cpu %': Math.round(((self.user + self.system) / 1e6 / duration) * 100),
    };
    return row;
  }

  // Warm up both paths, then measure them back to back in one run.
  await autocannon({ url: `${server.url}/healthz`, connections, duration: 2 });
  await autocannon({
    url: `${server.url}/api/projects`,
    connections,
    duration: 2,
    headers: { authorization: `Bearer ${token}` },
  });
  const health = await run('GET /healthz', '/healthz');
  const projects = await run('GET /api/projects (bearer)', '/api/projects', {
    authorization: `Bearer ${token}`,
  });
  console.log(
    `\nOpenThings API benchmark — ${usePg ? 'PostgreSQL' : 'PGlite (embedded)'}, ${connections} connections, ${duration} s each, 127.0.0.1`,
  );
  console.table([health, projects]);
  console.log(`ratio /api/projects ÷ /healthz: ${(projects['req/s'] / health['req/s']).toFixed(2)}`);
} finally {
  await server.stop();
}
