/**
 * At-least-once across a crash, with real processes (PGlite): the single `start` process is killed
 * with SIGKILL mid-load and restarted on the same data folder, whose stale lock it takes over; every
 * uplink answered 202 is delivered, and the data folder read directly holds them all. Separately,
 * retries in real time. Deliveries the killed process had claimed come back when their 60 s lease runs
 * out, so this takes a minute or two. The tests are independent (each has its own data folder and
 * process) and their waits are bounded by progress: a loaded machine is slow, not failed. Skipped in the
 * PostgreSQL run (crash-postgres.test.ts covers that mode).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  succeededDeliveries,
  useCrashHarness,
  waitFor,
  waitForProgress,
} from '../testing/crash.ts';

useCrashHarness();

/** A `start` process on a data folder of its own, started again when it is not running. */
function startProcess() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ot-crash-'));
  afterFile(() => rmSync(dataDir, { recursive: true, force: true }));
  let current: { proc: Proc; url: string } | undefined;
  return {
    dataDir,
    async running() {
      if (!current || current.proc.child.exitCode !== null || current.proc.child.signalCode !== null) {
        current = await startHttp('start.ts', { DATA_DIR: dataDir, SEED_DEMO: 'true' });
      }
      return current;
    },
  };
}

describe.skipIf(process.env.TEST_DB === 'postgres')(
  'PGlite: the single start process is killed with SIGKILL mid-load',
  () => {
    it('restarts on the same data folder, delivers every uplink that got a 202 and keeps them all in it', async () => {
      const { dataDir, running } = startProcess();
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
      await waitForProgress(
        'every accepted uplink to be delivered',
        () => [...accepted.keys()].filter((seq) => receiver.delivered('/hook').has(seq)).length,
        accepted.size,
        STALL_MS,
        restarted.proc,
      );
      // Deliveries the killed process had claimed but not yet recorded come back when their lease
      // runs out: sent again (a duplicate if the first copy arrived), now recorded as succeeded.
      await waitForProgress(
        'every delivery to be recorded as succeeded',
        async () => (await succeededDeliveries(api, destinationIds[0]!)).size,
        accepted.size,
        STALL_MS,
        restarted.proc,
      );
      const { duplicates } = checkDelivered(
        accepted.keys(),
        receiver.delivered('/hook'),
        receiver.log,
        '/hook',
      );

      // Stop cleanly, then read the data folder directly: the store itself must have come through.
      restarted.proc.child.kill('SIGTERM');
      expect(await restarted.proc.exited).toBe(0);
      const database = await openDatabase({ driver: 'pglite', dataDir });
      try {
        await checkStore(database, [...accepted.values()], destinationIds[0]!, before.failed);
      } finally {
        await database.close();
      }
      console.log(
        `PGlite survived kill -9 intact: ${before.accepted.size} uplinks accepted before the kill ` +
          `(${before.failed} requests failed with it), ${after.accepted.size} after the restart; ` +
          `${duplicates} duplicate deliveries, each with its original webhook-id; all stored, processed and delivered`,
      );
    }, 900_000);

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
      const { url, proc } = await startProcess().running();
      const api = await signIn(url);
      const { devices, destinationIds } = await setUpFlow(api, 'Retries', 2, [
        `${receiver.url}/flaky`,
        `${receiver.url}/refuse`,
      ]);
      const [flaky, refuse] = destinationIds as [string, string];
      const { accepted } = await sendUplinks(url, devices, range(0, 20));
      expect(accepted.size).toBe(20);

      // The retry comes 5 s (± 10 %) after the first attempt, from the worker's own schedule.
      await waitForProgress(
        'every retry to succeed',
        () => receiver.delivered('/flaky').size,
        20,
        STALL_MS,
        proc,
      );
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

      await waitForProgress(
        'the refused deliveries to be dead letters',
        async () => (await api('GET', `/api/destinations/${refuse}/dead-letters?limit=100`)).data.length,
        20,
        STALL_MS,
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
        STALL_MS,
        proc,
      );
      const replayLog = await api('GET', `/api/destinations/${refuse}/attempts?deliveryId=${replayed}`);
      expect(replayLog.data.map((a: { status: number }) => a.status)).toEqual([200, 400]);
      expect((await api('GET', `/api/destinations/${refuse}/dead-letters?limit=100`)).data).toHaveLength(19);
    }, 600_000);
  },
);
