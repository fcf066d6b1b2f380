import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sims } from '../../db/schema/index.ts';
import { createConnectivityService } from '../../features/connectivity/connectivity.service.ts';
import { updateCarrierRecord } from '../../features/connectivity/simulated-carrier.repo.ts';
import {
  createSimulatedCarrier,
  type SimulatedCarrier,
} from '../../features/connectivity/simulated-carrier.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { startCarrierSync } from './carrier-sync.task.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let carrier: SimulatedCarrier;

const stored = async (status?: string) =>
  (
    await t.deps.db
      .select({ n: count() })
      .from(sims)
      .where(and(eq(sims.customerId, acme.customerId), status ? eq(sims.status, status) : undefined))
  )[0]!.n;

/** Waits for the background task to reach a state; fails after a few seconds. */
async function until(check: () => Promise<boolean>) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the carrier sync did not get there in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  carrier = createSimulatedCarrier(t.deps.db, t.deps.now);
});
afterAll(() => t.close());

describe('carrier sync task', () => {
  it('syncs at start when nothing was ever synchronised, then every interval', async () => {
    const [first] = await carrier.provisionSims(acme.customerId, 3, { statuses: ['ACTIVATED'] });
    const sync = startCarrierSync(t.deps, { intervalMs: 150 });
    try {
      await until(async () => (await stored()) === 3);
      await carrier.provisionSims(acme.customerId, 2);
      await updateCarrierRecord(t.deps.db, first!.iccid, { status: 'DEACTIVATED' });
      await until(async () => (await stored()) === 5 && (await stored('DEACTIVATED')) === 1);
    } finally {
      await sync.stop();
    }
  });

  it('skips the start run after a recent sync and catches up once a whole interval has passed', async () => {
    await carrier.provisionSims(acme.customerId, 1);
    let sync = startCarrierSync(t.deps, { intervalMs: 3600_000 });
    await sync.stop();
    expect(await stored()).toBe(5);
    t.advanceClock(3600_000);
    sync = startCarrierSync(t.deps, { intervalMs: 3600_000 });
    await sync.stop();
    expect(await stored()).toBe(6);
  });

  it('keeps syncing the other customers when one fails, and skips accounts of customers that are gone', async () => {
    const bravo = await t.customer('Bravo');
    await carrier.provisionSims(bravo.customerId, 2);
    await carrier.provisionSims(randomUUID(), 1);
    const flaky = {
      ...carrier,
      listSims: (customerId: string, page?: { afterIccid?: string; limit?: number }) =>
        customerId === acme.customerId
          ? Promise.reject(new Error('connection reset'))
          : carrier.listSims(customerId, page),
    };
    const result = await createConnectivityService(t.deps, flaky).syncAll();
    expect(result).toEqual({ customers: 1, synced: 2, failed: 1 });
    const bravoRows = await t.deps.db.select().from(sims).where(eq(sims.customerId, bravo.customerId));
    expect(bravoRows).toHaveLength(2);
  });
});
