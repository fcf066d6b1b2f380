/**
 * At-least-once across a crash, with real processes (PostgreSQL): a server and a worker process; the
 * worker is killed with SIGKILL mid-load and a new one delivers every uplink answered 202, duplicates
 * only under their original webhook-id. A delivery the killed worker had claimed comes back when its
 * 60 s lease runs out, so this takes a minute or two. Runs only with TEST_DB=postgres.
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
  waitFor,
  waitForProgress,
} from './crash.harness.ts';

useCrashHarness();

describe.runIf(process.env.TEST_DB === 'postgres' && process.env.TEST_DATABASE_URL)(
  'PostgreSQL: server and worker processes, the worker killed with SIGKILL mid-load',
  () => {
    it('a new worker delivers every accepted uplink, duplicates only under the same webhook-id', async () => {
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

      await waitForProgress(
        'every accepted uplink to be delivered',
        () => receiver.delivered('/hook').size,
        sent.accepted.size,
        STALL_MS,
        second,
      );
      // Deliveries the killed worker had claimed come back when their 60 s lease runs out.
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
    }, 900_000);
  },
);
