import { bytesToHex, defaultLimits, isoToSeconds } from '@openthings/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodings, projects, uplinks } from '../db/schema/index.ts';
import { insertIntegration } from '../features/lora-integrations/lora-integrations.repo.ts';
import {
  bearer,
  bodyOf,
  type LnsCase,
  lnsVectors,
  loraFixtures,
  type TestIntegration,
} from '../testing/lora.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

const thingParkCases = lnsVectors.cases.filter((c) => c.id.startsWith('thingpark-'));
const chirpStackCases = lnsVectors.cases.filter((c) => c.id.startsWith('chirpstack-'));
const tokenCase = thingParkCases.find((c) => c.input.query_params)!;

type Customer = Awaited<ReturnType<TestApp['customer']>>;
let t: TestApp;
let f: ReturnType<typeof loraFixtures>;
let acme: Customer;
let other: Customer;
let thingpark: TestIntegration;
let chirpstack: TestIntegration;
const deviceIds = new Map<string, string>();
const post = (path: string, body: unknown, headers?: Record<string, string>) => f.post(path, body, headers);
const postThingPark = (body: { DevEUI_uplink: Record<string, unknown> }, key = thingpark.secret) =>
  post(`${thingpark.webhookPath}?${f.tunnelQuery(body.DevEUI_uplink, key)}`, body);
const postChirpStack = (
  body: unknown,
  event = 'up',
  headers: Record<string, string> = bearer(chirpstack.secret),
) => post(`${chirpstack.webhookPath}?event=${event}`, body, headers);
const countUplinks = async () => (await t.deps.db.select({ id: uplinks.id }).from(uplinks)).length;

async function storedUplink(res: Response, status: 200 | 202 = 202) {
  expect(res.status, await res.clone().text()).toBe(status);
  const id = res.headers.get('x-uplink-id')!;
  const [row] = await t.deps.db.select().from(uplinks).where(eq(uplinks.id, id));
  return row!;
}

/** What the decode stage stored for the uplink: record name (without the URN) → value. */
async function decodedRecords(uplinkId: string) {
  await t.pipeline.idle();
  const rows = await t.deps.db.select().from(decodings).where(eq(decodings.uplinkId, uplinkId));
  expect(rows).toHaveLength(1);
  expect(rows[0]!.error).toBeNull();
  const records = rows[0]!.records as { n: string; v?: number; vs?: string }[];
  return Object.fromEntries(records.map((r) => [r.n.slice(r.n.lastIndexOf(':') + 1), r.v ?? r.vs]));
}

function expectNormalised(row: typeof uplinks.$inferSelect, c: LnsCase) {
  const e = c.expected_extracted;
  const lora = (row.metadata as { lora: Record<string, unknown> & { metadata: Record<string, unknown> } })
    .lora;
  expect(bytesToHex(row.payload)).toBe(e.payloadHex.toLowerCase());
  expect(lora).toMatchObject({
    devEui: e.devEui,
    fPort: e.fPort,
    fCnt: e.fCntUp ?? e.fCnt,
    receivedAt: isoToSeconds(e.time),
  });
  expect(lora.metadata).toMatchObject({
    rssi: e.rssi,
    snr: e.snr,
    gatewayCount: e.gatewayCount,
    devAddr: e.devAddr,
  });
  if (e.bestGateway) expect(lora.metadata.bestGatewayId).toBe(e.bestGateway);
}

beforeAll(async () => {
  t = await createTestApp();
  f = loraFixtures(t);
  acme = await t.customer('Acme');
  other = await t.customer('Other');
  // Four LoRa devices: more than Freemium's three.
  await t.deps.db
    .update(projects)
    .set({ limits: defaultLimits('Tailored') })
    .where(eq(projects.id, acme.projectId));
  for (const c of [...thingParkCases, ...chirpStackCases]) {
    deviceIds.set(c.expected_extracted.devEui, await f.loraDevice(acme, c.expected_extracted.devEui));
  }
  deviceIds.set('OTHER', await f.loraDevice(other, '70B3D57ED00000FF'));
  thingpark = await f.integration(acme, 'thingpark');
  chirpstack = await f.integration(acme, 'chirpstack');
});
afterAll(() => t.close());

describe('ThingPark webhook', () => {
  it.each(thingParkCases.map((c) => [c.id, c] as const))(
    'stores %s with its normalised metadata and decodes it raw',
    async (_, c) => {
      const row = await storedUplink(await postThingPark(bodyOf(c)));
      expect(row).toMatchObject({
        connector: 'lora-thingpark',
        customerId: acme.customerId,
        deviceId: deviceIds.get(c.expected_extracted.devEui),
        state: 'processed',
      });
      expectNormalised(row, c);
      expect(await decodedRecords(row.id)).toEqual({
        payload: c.expected_extracted.payloadHex.toUpperCase(),
        port: c.expected_extracted.fPort,
      });
    },
  );

  it("accepts the vector's own tunnel token at its time, with the + of its time zone unescaped", async () => {
    const { query_params: q, as_key: asKey } = tokenCase.input;
    const row = await insertIntegration(t.deps.db, {
      customerId: acme.customerId,
      kind: 'thingpark',
      name: 'vector',
      secret: asKey,
    });
    const raw = ['LrnDevEui', 'LrnFPort', 'LrnInfos', 'AS_ID', 'Time', 'Token']
      .map((k) => `${k}=${q[k]}`)
      .join('&');
    const shift = Date.parse(q.Time) + 30_000 - t.deps.now().getTime();
    t.advanceClock(shift);
    try {
      const res = await post(`/ingestion/lora/thingpark/v1/${row.id}?${raw}`, bodyOf(tokenCase));
      // The first test stored this very frame of this device already: accepted as the same uplink.
      expectNormalised(await storedUplink(res, 200), tokenCase);
      const tampered = { DevEUI_uplink: { ...bodyOf(tokenCase).DevEUI_uplink, FCntUp: 19 } };
      const forged = await post(`/ingestion/lora/thingpark/v1/${row.id}?${raw}`, tampered);
      expect(forged.status).toBe(401);
    } finally {
      t.advanceClock(-shift);
    }
    await t.pipeline.idle();
  });

  it('accepts the AS key as a bearer secret instead of the token', async () => {
    const body = bodyOf(thingParkCases[0]!) as { DevEUI_uplink: Record<string, unknown> };
    body.DevEUI_uplink.FCntUp = 4001;
    await storedUplink(await post(thingpark.webhookPath, body, bearer(thingpark.secret)));
    await t.pipeline.idle();
  });

  it('acknowledges join requests and downlink reports with 204 and stores nothing', async () => {
    const before = await countUplinks();
    const join = {
      DevEUI_uplink: { DevEUI: '000000000F1D8693', MType: '0', rawJoinRequest: '00', CustomerID: '1' },
    };
    expect((await post(thingpark.webhookPath, join, bearer(thingpark.secret))).status).toBe(204);
    const sent = {
      DevEUI_downlink_Sent: { DevEUI: '000000000F1D8693', FPort: '1', FCntDn: '2', CustomerID: '1' },
    };
    expect((await post(thingpark.webhookPath, sent, bearer(thingpark.secret))).status).toBe(204);
    expect(await countUplinks()).toBe(before);
  });
});

describe('ChirpStack webhook', () => {
  it.each(chirpStackCases.map((c) => [c.id, c] as const))(
    'stores %s with protobuf-JSON zeros filled in and decodes it raw',
    async (_, c) => {
      const row = await storedUplink(await postChirpStack(bodyOf(c)));
      expect(row).toMatchObject({
        connector: 'lora-chirpstack',
        deviceId: deviceIds.get(c.expected_extracted.devEui),
      });
      expectNormalised(row, c);
      expect((row.metadata as { lora: { metadata: object } }).lora.metadata).toMatchObject({
        adr: false,
        confirmed: false,
      });
      expect(await decodedRecords(row.id)).toEqual({
        payload: c.expected_extracted.payloadHex.toUpperCase(),
        port: c.expected_extracted.fPort,
      });
    },
  );

  it('acknowledges other events with 204 and stores nothing', async () => {
    const before = await countUplinks();
    for (const event of ['join', 'status', 'ack', 'txack', 'log', 'location', 'integration']) {
      expect((await postChirpStack({ deviceInfo: {} }, event)).status, event).toBe(204);
    }
    expect(await countUplinks()).toBe(before);
  });
});

describe('the same message twice', () => {
  it('stores a ChirpStack event once per deduplicationId and answers the repeat with 200 and its id', async () => {
    const body = { ...bodyOf(chirpStackCases[0]!), deduplicationId: crypto.randomUUID() };
    const before = await countUplinks();
    const first = await storedUplink(await postChirpStack(body));
    const again = await postChirpStack(body);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-uplink-id')).toBe(first.id);
    expect(await countUplinks()).toBe(before + 1);
    // Another message of the same device is stored.
    await storedUplink(await postChirpStack({ ...body, deduplicationId: crypto.randomUUID() }));
    // Posted together (one group commit), the same message is still stored once.
    const twin = { ...body, deduplicationId: crypto.randomUUID() };
    const [a, b] = await Promise.all([postChirpStack(twin), postChirpStack(twin)]);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    expect(a.headers.get('x-uplink-id')).toBe(b.headers.get('x-uplink-id'));
    expect(await countUplinks()).toBe(before + 3);
    await t.pipeline.idle();
  });

  it('stores a replayed ThingPark frame (same counter and time) once', async () => {
    const body = bodyOf(thingParkCases[0]!) as { DevEUI_uplink: Record<string, unknown> };
    body.DevEUI_uplink.FCntUp = 5001;
    body.DevEUI_uplink.Time = t.deps.now().toISOString();
    const first = await storedUplink(await postThingPark(body));
    const replay = await postThingPark(body);
    expect(replay.status).toBe(200);
    expect(replay.headers.get('x-uplink-id')).toBe(first.id);
    body.DevEUI_uplink.FCntUp = 5002;
    await storedUplink(await postThingPark(body));
    await t.pipeline.idle();
  });
});

describe('first uplink', () => {
  it('accepts a device registered after its first refusal at once, whatever was cached', async () => {
    const devEui = '70B3D57ED00000A1';
    const body = { ...bodyOf(chirpStackCases[0]!), deviceInfo: { devEui: devEui.toLowerCase() } };
    expect((await postChirpStack(body)).status).toBe(404);
    await f.loraDevice(acme, devEui);
    await storedUplink(await postChirpStack({ ...body, deduplicationId: crypto.randomUUID() }));
    await t.pipeline.idle();
  });

  it('marks the LoRa adapter and binding ACTIVE', async () => {
    const deviceId = await f.loraDevice(acme, '70B3D57ED0000001');
    const status = async () => {
      const adapters = await t.request('GET', `/api/devices/${deviceId}/network-adapters`, {
        cookie: acme.cookie,
      });
      const binding = await t.request('GET', `/api/lora/bindings?deviceId=${deviceId}`, {
        cookie: acme.cookie,
      });
      return [adapters.json.data[0].networkStatus, binding.json.data[0].status];
    };
    expect(await status()).toEqual(['PENDING_CREATION', 'INVENTORY']);
    const body = { ...bodyOf(chirpStackCases[0]!), deviceInfo: { devEui: '70b3d57ed0000001' } };
    await storedUplink(await postChirpStack(body));
    expect(await status()).toEqual(['ACTIVE', 'ACTIVE']);
    await storedUplink(await postChirpStack({ ...body, deduplicationId: crypto.randomUUID() }));
    expect(await status()).toEqual(['ACTIVE', 'ACTIVE']);
    await t.pipeline.idle();
  });
});

describe('a message the database could not store', () => {
  // As text: JSON.stringify itself recurses, and would overflow on the test's side.
  const withNested = (levels: number) =>
    JSON.stringify(chirp()).replace(/}$/, `,"object":${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}}`);
  const chirp = () =>
    structuredClone(bodyOf(chirpStackCases[0]!)) as Record<string, unknown> & {
      rxInfo: Record<string, unknown>[];
    };
  it.each([
    ['a 10,000-level nested object', () => withNested(10_000), /nested deeper/],
    [
      'a NUL in rxInfo[].gatewayId',
      () => {
        const body = chirp();
        body.rxInfo[0]!.gatewayId = 'gw\u0000';
        return JSON.stringify(body);
      },
      /NUL/,
    ],
  ])(
    'refuses %s with 400 before it joins a group, and another customer’s uplinks posted with it are stored',
    async (_, bad, reason) => {
      const theirs = await f.integration(other, 'chirpstack');
      const theirUplink = () => ({
        ...chirp(),
        deduplicationId: crypto.randomUUID(),
        deviceInfo: { ...(chirp().deviceInfo as object), devEui: '70b3d57ed00000ff' },
      });
      const before = await countUplinks();
      const answers = await Promise.all([
        ...Array.from({ length: 5 }, () =>
          postChirpStack(bad().replace(/^{/, `{"deduplicationId":"${crypto.randomUUID()}",`)),
        ),
        ...Array.from({ length: 200 }, () =>
          post(`${theirs.webhookPath}?event=up`, theirUplink(), bearer(theirs.secret)),
        ),
      ]);
      for (const res of answers.slice(0, 5)) {
        expect(res.status).toBe(400);
        const problem = (await res.json()) as { code: string; detail: string };
        expect(problem.code).toBe('ingest.bad_metadata');
        expect(problem.detail).toMatch(reason);
      }
      expect(answers.slice(5).map((r) => r.status)).toEqual(new Array(200).fill(202));
      expect(await countUplinks()).toBe(before + 200);
      await t.pipeline.idle();
    },
  );
});

describe('refusals', () => {
  const up = () => bodyOf(thingParkCases[0]!) as { DevEUI_uplink: Record<string, unknown> };
  const stale = () => {
    const body = up();
    const time = new Date(t.deps.now().getTime() - 11 * 60_000).toISOString();
    return post(
      `${thingpark.webhookPath}?${f.tunnelQuery(body.DevEUI_uplink, thingpark.secret, time)}`,
      body,
    );
  };
  it.each([
    [
      'a ThingPark token made with another key',
      () => postThingPark(up(), 'f'.repeat(32)),
      401,
      'lora.unauthenticated',
    ],
    ['a ThingPark token older than ten minutes', stale, 401, 'lora.unauthenticated'],
    [
      'a ThingPark uplink without credentials',
      () => post(thingpark.webhookPath, up()),
      401,
      'lora.unauthenticated',
    ],
    [
      'a wrong ThingPark bearer even with a good token',
      () =>
        post(
          `${thingpark.webhookPath}?${f.tunnelQuery(up().DevEUI_uplink, thingpark.secret)}`,
          up(),
          bearer('x'),
        ),
      401,
      'lora.unauthenticated',
    ],
    [
      'a ChirpStack event without a bearer',
      () => postChirpStack(bodyOf(chirpStackCases[0]!), 'up', {}),
      401,
      'lora.unauthenticated',
    ],
    [
      'a ChirpStack event with the wrong bearer',
      () => postChirpStack(bodyOf(chirpStackCases[0]!), 'join', bearer(thingpark.secret)),
      401,
      'lora.unauthenticated',
    ],
    [
      "another customer's DevEUI",
      () => postThingPark({ DevEUI_uplink: { ...up().DevEUI_uplink, DevEUI: '70B3D57ED00000FF' } }),
      404,
      'lora.unknown_device',
    ],
    [
      "another customer's DevEUI over ChirpStack",
      () => postChirpStack({ ...bodyOf(chirpStackCases[0]!), deviceInfo: { devEui: '70b3d57ed00000ff' } }),
      404,
      'lora.unknown_device',
    ],
    [
      'an unknown integration',
      () => post(`/ingestion/lora/thingpark/v1/${crypto.randomUUID()}`, up()),
      404,
      'lora.unknown_integration',
    ],
    [
      'an integration id that is no uuid',
      () => post('/ingestion/lora/chirpstack/v1/x?event=up', {}),
      404,
      'lora.unknown_integration',
    ],
    [
      'a ChirpStack integration on the ThingPark path',
      () => post(`/ingestion/lora/thingpark/v1/${chirpstack.id}`, up(), bearer(chirpstack.secret)),
      404,
      'lora.unknown_integration',
    ],
    [
      'malformed JSON',
      () => post(thingpark.webhookPath, '{"DevEUI_uplink":', bearer(thingpark.secret)),
      400,
      'request.malformed_json',
    ],
    [
      'a body that is no ThingPark message',
      () => post(thingpark.webhookPath, [1], bearer(thingpark.secret)),
      400,
      'lora.bad_uplink',
    ],
    [
      'a ThingPark uplink without DevEUI',
      () =>
        post(
          thingpark.webhookPath,
          { DevEUI_uplink: { FPort: 1, payload_hex: '00' } },
          bearer(thingpark.secret),
        ),
      400,
      'lora.bad_uplink',
    ],
    [
      'a ChirpStack up event without deviceInfo',
      () => postChirpStack({ fPort: 1, data: 'qg==' }),
      400,
      'lora.bad_uplink',
    ],
    [
      'a ChirpStack event without its event type',
      () => post(chirpstack.webhookPath, {}, bearer(chirpstack.secret)),
      400,
      'lora.bad_uplink',
    ],
    [
      'a ChirpStack protobuf body',
      () =>
        post(`${chirpstack.webhookPath}?event=up`, 'x', {
          ...bearer(chirpstack.secret),
          'content-type': 'application/octet-stream',
        }),
      415,
      'request.unsupported_media_type',
    ],
    [
      'a body over 64 KB',
      () =>
        post(thingpark.webhookPath, { DevEUI_uplink: { pad: 'x'.repeat(70_000) } }, bearer(thingpark.secret)),
      413,
      'request.body_too_large',
    ],
  ])('refuses %s with problem+json and stores nothing', async (_, send, status, code) => {
    const before = await countUplinks();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { code: string; detail?: string };
    expect(problem.code).toBe(code);
    expect(problem.detail).toBeTruthy();
    expect(await countUplinks()).toBe(before);
  });

  it('says why a stale token is refused', async () => {
    expect(((await (await stale()).json()) as { detail: string }).detail).toContain('10 minutes');
  });
});
