import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyStandardWebhook, whsecKey } from '@openthings/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodings,
  deliveries,
  deliveryAttempts,
  destinations,
  flowDestinations,
  testEndpointRequests,
  twinReported,
  uplinks,
} from '../db/schema/index.ts';
import { internetDevice } from '../testing/devices.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { processUplinks } from './decode/decode.stage.ts';
import { createDeliverer } from './deliver/deliverer.ts';
import { createPipeline } from './pipeline.ts';

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
const DEST_SECRET = 'Destination-Secret-0123456789-abcXYZ!';
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let deviceId: string;
let dvnUuid: string;
let deliverer: ReturnType<typeof createDeliverer>;

const token = (body: string, secret = SECRET) =>
  createHash('sha256').update(body).update(secret).digest('hex');
const pack = (v: number) =>
  JSON.stringify([
    { bn: `urn:dev:DVNUUID:${dvnUuid}:`, n: 'temperature', u: 'Cel', v },
    { n: 'batteryVoltage', u: 'V', v: 3.6 },
  ]);
const post = (body: string, headers: Record<string, string> = {}, path = '/ingestion/ip/senml/v1') =>
  t.app.request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/senml+json', 'things-message-token': token(body), ...headers },
    body,
  });

async function destination(kind: 'TEST' | 'HTTPS', config: Record<string, unknown> = {}) {
  const [row] = await t.deps.db
    .insert(destinations)
    .values({
      customerId: acme.customerId,
      kind,
      name: `${kind} ${Math.random()}`,
      config,
      sharedSecret: DEST_SECRET,
    })
    .returning({ id: destinations.id });
  await t.deps.db
    .insert(flowDestinations)
    .values({ flowId: acme.flowId, destinationId: row!.id, customerId: acme.customerId });
  return row!.id;
}
async function unlinkAll() {
  await t.deps.db.delete(flowDestinations).where(eq(flowDestinations.flowId, acme.flowId));
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  ({ id: deviceId, dvnUuid } = await internetDevice(t, acme, SECRET));
  deliverer = createDeliverer(t.deps, () => 0.5);
});
afterAll(async () => {
  await deliverer.close();
  await t.close();
});

describe('HTTP SenML connector', () => {
  it('stores a signed pack, decoded in the same commit, before answering 202', async () => {
    const body = pack(21.5);
    const res = await post(body);
    expect(res.status).toBe(202);
    const id = res.headers.get('x-uplink-id')!;
    const [row] = await t.deps.db.select().from(uplinks).where(eq(uplinks.id, id));
    expect(row).toMatchObject({ deviceId, state: 'processed', connector: 'http-senml-ip', error: null });
    expect(row!.processedAt).not.toBeNull();
    expect(new TextDecoder().decode(row!.payload)).toBe(body);
    const decoded = await t.deps.db.select().from(decodings).where(eq(decodings.uplinkId, id));
    expect(decoded.map((d) => (d.records as { n: string }[]).map((r) => r.n))).toEqual([
      [`urn:dev:DVNUUID:${dvnUuid}:temperature`, `urn:dev:DVNUUID:${dvnUuid}:batteryVoltage`],
    ]);
    // Nothing is left for the decode stage.
    expect(await processUplinks(t.deps)).toBe(0);
  });

  it('takes a regenerated shared secret at once, whatever it cached, and refuses the old one', async () => {
    const uuid = crypto.randomUUID();
    const d = await t.request('POST', '/api/devices', {
      cookie: acme.cookie,
      body: { projectId: acme.projectId, deviceTypeId: 'generic-internet', name: 'Rotating' },
    });
    const adapter = await t.request('POST', `/api/devices/${d.json.id}/network-adapters`, {
      cookie: acme.cookie,
      body: { type: 'INTERNET', dvnUuid: uuid, sharedSecret: SECRET },
    });
    const body = JSON.stringify([{ bn: `urn:dev:DVNUUID:${uuid}:`, n: 'x', v: 1 }]);
    expect((await post(body)).status).toBe(202); // the device is now in the connector's cache
    const regenerated = await t.request(
      'POST',
      `/api/devices/${d.json.id}/network-adapters/${adapter.json.adapter.id}/shared-secret`,
      { cookie: acme.cookie },
    );
    expect(regenerated.status, regenerated.text).toBe(200);
    const secret = regenerated.json.sharedSecret as string;
    expect((await post(body, { 'things-message-token': token(body, secret) })).status).toBe(202);
    expect((await post(body)).status).toBe(401);
  });

  it.each([
    [
      'a wrong token',
      () => post(pack(1), { 'things-message-token': 'f'.repeat(64) }),
      401,
      'ingest.bad_token',
    ],
    ['no token', () => post(pack(1), { 'things-message-token': '' }), 401, 'ingest.bad_token'],
    [
      'an unknown device',
      () => post(JSON.stringify([{ bn: `urn:dev:DVNUUID:${crypto.randomUUID()}:`, n: 'x', v: 1 }])),
      404,
      'ingest.unknown_device',
    ],
    ['malformed JSON', () => post('[{"bn":'), 400, 'ingest.bad_senml'],
    ['a record that is not an object', () => post('[1,2]'), 400, 'ingest.bad_senml'],
    [
      'an IMEI URN on the internet path',
      () => post(JSON.stringify([{ bn: 'urn:dev:IMEI:357292748642776:', n: 'x', v: 1 }])),
      400,
      'ingest.bad_senml',
    ],
    [
      'a wrong content type',
      () => post(pack(1), { 'content-type': 'text/plain' }),
      415,
      'request.unsupported_media_type',
    ],
    [
      'a body over 64 KB',
      () => post(`[${'{"n":"x","v":1},'.repeat(5000)}{"n":"x","v":1}]`),
      413,
      'request.body_too_large',
    ],
  ])('refuses %s with problem+json and stores nothing', async (_, send, status, code) => {
    const before = (await t.deps.db.select().from(uplinks)).length;
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe(code);
    expect((await t.deps.db.select().from(uplinks)).length).toBe(before);
  });
});

describe('decode → twin → forward', () => {
  it('decodes, updates the twin and delivers a signed SenML pack to the test endpoint inbox', async () => {
    const inbox = await destination('TEST');
    await post(pack(22.25));
    // Sent from memory right after the commit; the twin is written within a second.
    await t.pipeline.idle();
    const twin = await t.deps.db.select().from(twinReported).where(eq(twinReported.deviceId, deviceId));
    expect(Object.fromEntries(twin.map((r) => [r.name, [r.value, r.unit]]))).toEqual({
      temperature: [22.25, 'Cel'],
      batteryVoltage: [3.6, 'V'],
    });
    const [request] = await t.deps.db
      .select()
      .from(testEndpointRequests)
      .where(eq(testEndpointRequests.destinationId, inbox));
    const body = JSON.parse(request!.body);
    expect(body[0]).toMatchObject({
      bn: `urn:dev:DVNUUID:${dvnUuid}:`,
      n: 'temperature',
      u: 'Cel',
      v: 22.25,
    });
    expect(typeof body[0].bt).toBe('number');
    expect(request!.headers['things-plug-uuid']).toBe(inbox);
    expect(request!.headers['things-message-token']).toBe(token(request!.body, DEST_SECRET));
    const verified = await verifyStandardWebhook({
      headers: request!.headers,
      body: request!.body,
      secrets: [whsecKey(DEST_SECRET)],
      now: new Date(),
    });
    expect(verified).toEqual({ ok: true });
    expect(
      (await t.request('GET', `/api/devices/${deviceId}`, { cookie: acme.cookie })).json.lastMessageAt,
    ).not.toBeNull();
    await unlinkAll();
  });

  it('delivers one device’s uplinks in the order they arrived, across group commits running at once', async () => {
    const inbox = await destination('TEST');
    // The device is known to the connector (cached), so uplinks reach ingest in the order they are sent.
    expect((await post(pack(999))).status).toBe(202);
    // A big group, then — while it is written — a one-uplink group that commits first: the deliverer
    // still gets the big group's deliveries first.
    const big = Array.from({ length: 60 }, (_, i) => post(pack(1000 + i)));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const last = post(pack(2000));
    const answers = await Promise.all([...big, last]);
    expect(answers.map((a) => a.status)).toEqual(new Array(61).fill(202));
    await t.pipeline.idle();
    const received = await t.deps.db
      .select({ body: testEndpointRequests.body })
      .from(testEndpointRequests)
      .where(eq(testEndpointRequests.destinationId, inbox))
      .orderBy(testEndpointRequests.id);
    const values = received.map((r) => JSON.parse(r.body)[0].v as number);
    expect(values).toHaveLength(62);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await unlinkAll();
  });

  it('keeps the last message time in the narrow activity table, never rewriting the device row', async () => {
    const other = await internetDevice(t, acme, SECRET, 'Silent');
    const version = async () =>
      (await t.deps.db.execute(sql`select xmin::text as v from devices where id = ${deviceId}`)) as unknown;
    const rowVersion = JSON.stringify(await version());
    // Later than any message of the other tests (the test clock stands still unless moved).
    t.advanceClock(1000);
    const sentAt = t.deps.now();
    expect((await post(pack(7))).status).toBe(202);
    await t.pipeline.idle();
    expect(JSON.stringify(await version())).toBe(rowVersion);

    const list = async (query: string) =>
      (await t.request('GET', `/api/devices?${query}`, { cookie: acme.cookie })).json.data.map(
        (d: { id: string; lastMessageAt: string | null }) => [d.id, d.lastMessageAt],
      );
    const sorted = await list('sort=-lastMessageAt&limit=100');
    expect(sorted[0]).toEqual([deviceId, sentAt.toISOString()]);
    // Never sent anything: no time, last in that order, and not "before" any time.
    expect(sorted.at(-1)).toEqual([other.id, null]);
    const later = new Date(sentAt.getTime() + 1000).toISOString();
    const earlier = await list(`lastMessageBefore=${encodeURIComponent(later)}&includeTotal=true`);
    expect(earlier.map(([id]: [string]) => id)).toContain(deviceId);
    expect(earlier.map(([id]: [string]) => id)).not.toContain(other.id);
    const since = await list(`lastMessageSince=${encodeURIComponent(sentAt.toISOString())}`);
    expect(since).toEqual([[deviceId, sentAt.toISOString()]]);
    await t.request('DELETE', `/api/devices/${other.id}`, { cookie: acme.cookie });
  });

  it('keeps a deactivated device’s uplinks in history without processing them', async () => {
    await t.request('POST', `/api/devices/${deviceId}/deactivate`, { cookie: acme.cookie });
    const res = await post(pack(5));
    expect(res.status).toBe(202);
    const [row] = await t.deps.db
      .select()
      .from(uplinks)
      .where(eq(uplinks.id, res.headers.get('x-uplink-id')!));
    expect(row!.state).toBe('ignored');
    expect(await t.deps.db.select().from(deliveries).where(eq(deliveries.uplinkId, row!.id))).toEqual([]);
    await t.request('POST', `/api/devices/${deviceId}/activate`, { cookie: acme.cookie });
  });
});

describe('delivery to an HTTPS endpoint', () => {
  let server: Server;
  let answers: number[] = [];
  let received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const url = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;

  it('retries 503 on the schedule until 200, logging every attempt with the same webhook-id', async () => {
    answers = [503, 503, 200];
    received = [];
    const id = await destination('HTTPS', { url: url(), headers: { 'x-api': 'k' } });
    await post(pack(30));
    // The first attempt goes from memory; the retries come from a worker's claims, on the schedule.
    await t.pipeline.idle();
    for (let i = 0; i < 2; i++) {
      t.advanceClock(6 * 60_000);
      expect(await deliverer.deliverBatch()).toBe(1);
    }
    const [delivery] = await t.deps.db.select().from(deliveries).where(eq(deliveries.destinationId, id));
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 3, lastStatus: 200 });
    const attempts = await t.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, delivery!.id));
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    expect(new Set(received.map((r) => r.headers['webhook-id']))).toEqual(new Set([delivery!.id]));
    expect(received[0]!.headers['x-api']).toBe('k');
    await unlinkAll();
  });

  it('sends a 400 straight to dead letters and a 410 deactivates the destination', async () => {
    answers = [400];
    const dead = await destination('HTTPS', { url: url() });
    await post(pack(31));
    await t.pipeline.idle();
    const [d] = await t.deps.db.select().from(deliveries).where(eq(deliveries.destinationId, dead));
    expect(d).toMatchObject({ state: 'dead', attempts: 1, lastStatus: 400 });
    await unlinkAll();

    answers = [410];
    const gone = await destination('HTTPS', { url: url() });
    await post(pack(32));
    await t.pipeline.idle();
    const [row] = await t.deps.db.select().from(destinations).where(eq(destinations.id, gone));
    expect(row).toMatchObject({ status: 'INACTIVE', inactiveReason: 'The endpoint answered 410 Gone' });
    await unlinkAll();
  });
});

describe('a slow receiver', () => {
  /** A receiver whose /slow answers only when released and whose /fast answers at once. */
  async function slowAndFast(fastExpected: number) {
    let release: () => void = () => {};
    const released = new Promise<void>((r) => {
      release = r;
    });
    const fast: string[] = [];
    let fastArrived: () => void = () => {};
    const allFast = new Promise<void>((r) => {
      fastArrived = r;
    });
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url === '/slow') return void released.then(() => res.end('ok'));
        fast.push(String(req.headers['webhook-id']));
        if (fast.length === fastExpected) fastArrived();
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const outcome = () =>
      Promise.race([
        allFast.then(() => 'fast deliveries arrived while the slow ones were held'),
        new Promise((r) => setTimeout(() => r('fast deliveries were held up behind the slow ones'), 5_000)),
      ]);
    return {
      base,
      outcome,
      release: () => release(),
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  it('holds only its own deliveries sent from memory, so another destination’s go out meanwhile', async () => {
    const receiver = await slowAndFast(5);
    try {
      await destination('HTTPS', { url: `${receiver.base}/slow` });
      await destination('HTTPS', { url: `${receiver.base}/fast` });
      for (let i = 0; i < 5; i++) expect((await post(pack(300 + i))).status).toBe(202);
      expect(await receiver.outcome()).toBe('fast deliveries arrived while the slow ones were held');
      receiver.release();
      await t.pipeline.idle();
      const sent = await t.deps.db.select().from(deliveries).where(eq(deliveries.state, 'succeeded'));
      expect(sent.length).toBeGreaterThanOrEqual(10);
    } finally {
      receiver.release();
      await unlinkAll();
      await receiver.close();
    }
  });

  it('holds only its own share of a worker’s drain, so other destinations’ deliveries go out meanwhile', async () => {
    // Deliveries that no process sends from memory: a worker claims them.
    const workerOnly = createPipeline(t.deps, { deliver: false });
    const accept = (body: string) =>
      workerOnly.ingest.accept({
        connector: 'http-senml-ip',
        format: 'senml',
        networkType: 'INTERNET',
        identifier: dvnUuid,
        payload: new TextEncoder().encode(body),
        contentType: 'application/senml+json',
        token: token(body),
      });
    const receiver = await slowAndFast(5);
    const drainer = createDeliverer(t.deps, () => 0.5);
    try {
      // Twelve deliveries to the slow one first, then five to the fast one.
      await destination('HTTPS', { url: `${receiver.base}/slow` });
      for (let i = 0; i < 12; i++) await accept(pack(100 + i));
      await unlinkAll();
      await destination('HTTPS', { url: `${receiver.base}/fast` });
      for (let i = 0; i < 5; i++) await accept(pack(200 + i));
      await unlinkAll();

      // A window of 8 with 2 per destination: the slow receiver can hold 2 requests, not all 8.
      const drained = drainer.drain(8, 2);
      const outcome = await receiver.outcome();
      receiver.release();
      expect(outcome).toBe('fast deliveries arrived while the slow ones were held');
      expect(await drained).toBe(17);
    } finally {
      receiver.release();
      await drainer.close();
      await workerOnly.close();
      await receiver.close();
    }
  });
});
