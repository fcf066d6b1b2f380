/**
 * At-least-once across a crash, with real processes (PostgreSQL): a server (which decodes at ingest and
 * makes the first delivery attempts from memory) and a worker (retries, leftovers). Mid-load the server
 * is killed with SIGKILL while it has deliveries in flight, and so is the worker; a new server and a new
 * worker deliver every uplink answered 202, duplicates only under their original webhook-id. What the
 * killed processes had leased comes back when the 60 s lease runs out, so this takes a minute or two.
 * Runs only with TEST_DB=postgres.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import {
  afterFile,
  checkDelivered,
  checkStore,
  kill9,
  type Proc,
  range,
  STALL_MS,
  sendUplinks,
  setUpFlow,
  signIn,
  startHttp,
  startReceiver,
  startWorker,
  succeededDeliveries,
  useCrashHarness,
  waitForProgress,
} from '../testing/crash.ts';

useCrashHarness();

describe.runIf(process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL)(
  'PostgreSQL: server and worker processes, both killed with SIGKILL mid-load',
  () => {
    it('a new server and worker deliver every accepted uplink, duplicates only under the same webhook-id', async () => {
      const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
      const name = `ot_crash_${randomBytes(4).toString('hex')}`;
      await admin.unsafe(`create database ${name}`);
      afterFile(async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      });
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();

      const receiver = await startReceiver();
      const env = { DATABASE_URL: databaseUrl, SEED_DEMO: 'true' };
      const server = await startHttp('server.ts', env);
      const worker = await startWorker(databaseUrl);
      let api = await signIn(server.url);
      const { devices, destinationIds } = await setUpFlow(api, 'Crash PostgreSQL', 4, [
        `${receiver.url}/hook`,
      ]);

      // Kill the server once a third was accepted (requests and deliveries in flight), and the worker.
      let killed: Promise<void> | undefined;
      const before = await sendUplinks(server.url, devices, range(0, 300), {
        concurrency: 4,
        onAccepted: (n) => {
          if (n >= 100) killed ??= Promise.all([kill9(server.proc), kill9(worker)]).then(() => {});
        },
      });
      await killed;
      const deliveredAtKill = receiver.delivered('/hook').size;
      expect(before.accepted.size).toBeGreaterThanOrEqual(100);
      expect(before.accepted.size).toBeLessThan(300);

      const restarted = await startHttp('server.ts', env);
      const second: Proc = await startWorker(databaseUrl);
      api = await signIn(restarted.url);
      const after = await sendUplinks(restarted.url, devices, range(1000, 50), { concurrency: 4 });
      expect(after.accepted.size).toBe(50);
      const sent = { accepted: new Map([...before.accepted, ...after.accepted]) };

      await waitForProgress(
        'every accepted uplink to be delivered',
        () => [...sent.accepted.keys()].filter((seq) => receiver.delivered('/hook').has(seq)).length,
        sent.accepted.size,
        STALL_MS,
        second,
      );
      // Deliveries the killed processes had leased come back when their 60 s lease runs out.
      await waitForProgress(
        'every delivery to be recorded as succeeded',
        async () => (await succeededDeliveries(api, destinationIds[0]!)).size,
        sent.accepted.size,
        STALL_MS,
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
        await checkStore(database, [...sent.accepted.values()], destinationIds[0]!, before.failed);
      } finally {
        await database.close();
      }
      console.log(
        `PostgreSQL: server and worker killed with ${before.accepted.size} uplinks accepted ` +
          `(${before.failed} requests failed with it) and ${deliveredAtKill} delivered; ${after.accepted.size} more ` +
          `after the restart; all delivered, ${duplicates} duplicate deliveries, each with its original webhook-id`,
      );
      for (const p of [restarted.proc, second]) p.child.kill('SIGTERM');
      expect(await restarted.proc.exited).toBe(0);
      expect(await second.exited).toBe(0);
    }, 900_000);
  },
);
