import { createHash } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../db/ids.ts';
import {
  destinations,
  devices,
  flowDestinations,
  testEndpointRequests,
  uplinks,
} from '../../db/schema/index.ts';
import { internetDevice } from '../../testing/devices.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { GROUP_CONCURRENCY } from '../ingest/ingest.service.ts';
import { processUplinks } from './decode.stage.ts';

/**
 * Messages the database cannot store must never stop the pipeline (PRODUCT §6): ingest refuses them with
 * a 400 that names the record, and should one be in the queue anyway (accepted by an older version, or a
 * decoder producing it), the decode stage fails that uplink alone while every other tenant's flow on.
 */

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
let t: TestApp;
type Customer = Awaited<ReturnType<TestApp['customer']>>;
let acme: Customer;
let other: Customer;
let acmeDevice: { id: string; urn: string };
let otherDevice: { id: string; urn: string };
let otherInbox: string;

const token = (body: string) => createHash('sha256').update(body).update(SECRET).digest('hex');
const post = (body: string) =>
  t.app.request('http://localhost/ingestion/ip/senml/v1', {
    method: 'POST',
    headers: { 'content-type': 'application/senml+json', 'things-message-token': token(body) },
    body,
  });

/** The poison of issue 8, as JSON text: each a record the database could not store before it was checked. */
const POISON: [string, string][] = [
  ['bt 1e300', '{"bt":1e300,"n":"a","v":1}'],
  ['bt -1e300', '{"bt":-1e300,"n":"a","v":1}'],
  ['t -1e12', '{"t":-1e12,"n":"a","v":1}'],
  ['t 9e12', '{"t":9e12,"n":"a","v":1}'],
  ['a NUL in vs', '{"n":"a","vs":"x\\u0000y"}'],
  ['a NUL in u', '{"n":"a","u":"\\u0000","v":1}'],
  ['a lone surrogate in vs', '{"n":"a","vs":"\\ud800"}'],
  ['a lone surrogate in u', '{"n":"a","u":"\\ud800","v":1}'],
];
const poisonPack = (urn: string, record: string) => `[{"bn":"${urn}","n":"ok","v":1},${record}]`;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  other = await t.customer('Other');
  acmeDevice = await internetDevice(t, acme, SECRET, 'Poisoned');
  otherDevice = await internetDevice(t, other, SECRET, 'Healthy');
  const [inbox] = await t.deps.db
    .insert(destinations)
    .values({ customerId: other.customerId, kind: 'TEST', name: 'Inbox', sharedSecret: SECRET })
    .returning({ id: destinations.id });
  otherInbox = inbox!.id;
  await t.deps.db
    .insert(flowDestinations)
    .values({ flowId: other.flowId, destinationId: otherInbox, customerId: other.customerId });
});
afterAll(() => t.close());

describe('ingest refuses what it could not store', () => {
  it.each(POISON)(
    'answers %s with 400 problem+json naming the record, and stores nothing',
    async (_, record) => {
      const before = (await t.deps.db.select().from(uplinks)).length;
      const res = await post(poisonPack(acmeDevice.urn, record));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await res.json()) as {
        code: string;
        detail: string;
        errors: Record<string, string[]>;
      };
      expect(problem.code).toBe('ingest.bad_senml');
      expect(problem.detail).toMatch(/^pack\[1\]: /);
      expect(Object.keys(problem.errors)).toEqual(['body.1']);
      expect((await t.deps.db.select().from(uplinks)).length).toBe(before);
    },
  );

  it('refuses a later record that names another device (the first bn alone was checked before)', async () => {
    const body = JSON.stringify([
      { bn: acmeDevice.urn, n: 'temperature', v: 1 },
      { bn: otherDevice.urn, n: 'temperature', v: 99 },
    ]);
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(
      /pack\[1\]: .*does not belong to this device/,
    );
  });

  it('refuses wrongly typed SenML at ingest rather than failing it later', async () => {
    const res = await post(JSON.stringify([{ bn: acmeDevice.urn, n: 'x', v: 'hot' }]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toBe('pack[0]: v must be a number');
  });
});

/** Uplinks as a version that did not check them left them: in the queue, not yet decoded. */
async function queued(device: { id: string; urn: string }, customerId: string, packs: string[]) {
  const at = t.deps.now();
  const ids = packs.map(() => uuidv7(at.getTime()));
  await t.deps.db.insert(uplinks).values(
    packs.map((pack, i) => ({
      id: ids[i]!,
      customerId,
      deviceId: device.id,
      connector: 'http-senml-ip',
      receivedAt: at,
      contentType: 'application/senml+json',
      payload: new TextEncoder().encode(pack),
      state: 'accepted' as const,
    })),
  );
  return ids;
}
const stateOf = async (id: string) => (await t.deps.db.select().from(uplinks).where(eq(uplinks.id, id)))[0]!;
const worker = () => ({ ...t.deps, logger: pino({ level: 'silent' }) });

/** The database itself refuses decodings that mention "poison", as a constraint or a full disk would. */
async function withRefusingDatabase(run: () => Promise<void>) {
  await t.deps.db.execute(sql`
    create function refuse_poison() returns trigger language plpgsql as $$
    begin
      if new.records::text like '%poison%' then raise exception 'refused by the database'; end if;
      return new;
    end $$`);
  await t.deps.db.execute(
    sql`create trigger refuse_poison before insert on decodings for each row execute function refuse_poison()`,
  );
  try {
    await run();
  } finally {
    await t.deps.db.execute(sql`drop trigger refuse_poison on decodings`);
    await t.deps.db.execute(sql`drop function refuse_poison()`);
  }
}

describe('an uplink the database refuses fails alone', () => {
  it('fails each poisoned uplink left in the queue with its reason; another tenant’s uplink is delivered', async () => {
    // Poison in the queue before the worker starts, as after an upgrade from a version that accepted it.
    const poisonIds = await queued(
      acmeDevice,
      acme.customerId,
      POISON.map(([, record]) => poisonPack(acmeDevice.urn, record)),
    );
    const healthy = await post(
      JSON.stringify([{ bn: otherDevice.urn, n: 'temperature', u: 'Cel', v: 20.5 }]),
    );
    expect(healthy.status).toBe(202);

    let settled = 0;
    for (let round = 0; round < 3; round++) settled += await processUplinks(worker());
    expect(settled).toBe(POISON.length);
    for (const id of poisonIds) {
      expect(await stateOf(id)).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/record \d \(.*\): .*(outside the years|NUL|surrogate)/),
      });
    }
    expect((await stateOf(healthy.headers.get('x-uplink-id')!)).state).toBe('processed');
    await t.pipeline.idle();
    const received = await t.deps.db
      .select()
      .from(testEndpointRequests)
      .where(eq(testEndpointRequests.destinationId, otherInbox));
    expect(JSON.parse(received[0]!.body)[0]).toMatchObject({
      bn: otherDevice.urn,
      n: 'temperature',
      v: 20.5,
    });
  });

  it('at ingest: stores the refused uplink as failed with the reason (202) and the others of its group as usual', async () => {
    await withRefusingDatabase(async () => {
      const [bad, good] = await Promise.all([
        post(JSON.stringify([{ bn: acmeDevice.urn, n: 'poison', v: 1 }])),
        post(JSON.stringify([{ bn: otherDevice.urn, n: 'temperature', v: 21 }])),
      ]);
      expect([bad.status, good.status]).toEqual([202, 202]);
      expect(await stateOf(bad.headers.get('x-uplink-id')!)).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/^The decoded data could not be stored: .*refused by the database/),
      });
      expect((await stateOf(good.headers.get('x-uplink-id')!)).state).toBe('processed');
    });
  });

  it('in the decode stage: writes the batch again uplink by uplink, failing only the refused one', async () => {
    await withRefusingDatabase(async () => {
      const [bad] = await queued(acmeDevice, acme.customerId, [
        JSON.stringify([{ bn: acmeDevice.urn, n: 'poison', v: 1 }]),
      ]);
      const [good] = await queued(otherDevice, other.customerId, [
        JSON.stringify([{ bn: otherDevice.urn, n: 'temperature', v: 22 }]),
      ]);
      expect(await processUplinks(worker())).toBe(2);
      expect(await stateOf(bad!)).toMatchObject({
        state: 'failed',
        error: expect.stringMatching(/^The decoded data could not be stored: .*refused by the database/),
      });
      expect((await stateOf(good!)).state).toBe('processed');
    });
  });
});

describe('group commit isolates an uplink that cannot be inserted', () => {
  it('fails only the uplink of a device deleted while its group waited, never the rest of the group', async () => {
    const ingest = t.pipeline.ingest;
    const accept = (device: { urn: string }, v: number) => {
      const body = JSON.stringify([{ bn: device.urn, n: 'x', v }]);
      return ingest.accept({
        connector: 'http-senml-ip',
        format: 'senml',
        networkType: 'INTERNET',
        identifier: device.urn.split(':')[3]!,
        payload: new TextEncoder().encode(body),
        contentType: 'application/senml+json',
        token: token(body),
      });
    };
    const doomed = await internetDevice(t, acme, SECRET, 'Doomed');
    // Both devices are now in the connector's cache, so the next uplinks join one group at once.
    await Promise.all([accept(doomed, 0), accept(otherDevice, 0)]);
    await t.deps.db.delete(devices).where(eq(devices.id, doomed.id));

    // The first uplinks open as many group commits as may run at once; the rest arrive while those are
    // written and share the next group.
    const openers = Array.from({ length: GROUP_CONCURRENCY }, (_, i) => accept(otherDevice, i / 10));
    const results = await Promise.allSettled([
      accept(doomed, 1),
      ...Array.from({ length: 20 }, (_, i) => accept(otherDevice, i + 1)),
    ]);
    await Promise.all(openers);
    await ingest.idle();
    expect(results[0]!.status).toBe('rejected');
    expect(results.slice(1).map((r) => r.status)).toEqual(new Array(20).fill('fulfilled'));
    const stored = await t.deps.db
      .select({ id: uplinks.id })
      .from(uplinks)
      .where(
        inArray(
          uplinks.id,
          results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.id] : [])),
        ),
      );
    expect(stored).toHaveLength(20);
  });
});
