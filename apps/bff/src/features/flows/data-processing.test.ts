import { createHash } from 'node:crypto';
import { elsysDecoder, rawLoraDecoder, senmlPassthroughDecoder } from '@openthings/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let deviceId: string;
let dvnUuid: string;
const call = (method: string, path: string, body?: unknown) =>
  t.request(method, path, { cookie: acme.cookie, body });

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  dvnUuid = crypto.randomUUID();
  const d = await call('POST', '/api/devices', {
    projectId: acme.projectId,
    deviceTypeId: 'generic-internet',
    name: 'Station',
  });
  deviceId = d.json.id;
  await call('POST', `/api/devices/${deviceId}/network-adapters`, {
    type: 'INTERNET',
    dvnUuid,
    sharedSecret: SECRET,
  });
  await call('POST', `/api/device-groups/${acme.flowId}/devices/${deviceId}`);
  const lora = await call('POST', '/api/devices', {
    projectId: acme.projectId,
    deviceTypeId: 'elsys-ers',
    name: 'Room',
  });
  await call('POST', `/api/device-groups/${acme.flowId}/devices/${lora.json.id}`);
});
afterAll(() => t.close());

async function send(v: number) {
  const body = JSON.stringify([{ bn: `urn:dev:DVNUUID:${dvnUuid}:`, n: 'temperature', u: 'Cel', v }]);
  const res = await t.app.request('http://localhost/ingestion/ip/senml/v1', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'things-message-token': createHash('sha256').update(body).update(SECRET).digest('hex'),
    },
    body,
  });
  await t.pipeline.idle();
  return res.headers.get('x-uplink-id')!;
}

describe('data processing of a flow', () => {
  it('lists the decoders per device type in the flow with the defaults on', async () => {
    const res = await call('GET', `/api/device-groups/${acme.flowId}/decoders`);
    expect(res.status).toBe(200);
    const byType = Object.fromEntries(
      res.json.data.map((t: { deviceType: { id: string }; decoders: { id: string; enabled: boolean }[] }) => [
        t.deviceType.id,
        t.decoders.filter((d) => d.enabled).map((d) => d.id),
      ]),
    );
    expect(byType).toEqual({
      'elsys-ers': [elsysDecoder.id],
      'generic-internet': [senmlPassthroughDecoder.id],
    });
    const catalogue = await call('GET', '/api/decoders');
    expect(catalogue.json.data.map((d: { id: string }) => d.id)).toContain(rawLoraDecoder.id);
  });

  it('switches a decoder off and on, and the pipeline follows', async () => {
    const off = await call(
      'PUT',
      `/api/device-groups/${acme.flowId}/decoders/generic-internet/${senmlPassthroughDecoder.id}`,
      { enabled: false },
    );
    expect(off.status).toBe(200);
    const uplinkId = await send(1);
    const history = await call('GET', `/api/devices/${deviceId}/uplinks?limit=1`);
    expect(history.json.data[0]).toMatchObject({ id: uplinkId, state: 'processed', decodings: [] });

    await call(
      'PUT',
      `/api/device-groups/${acme.flowId}/decoders/generic-internet/${senmlPassthroughDecoder.id}`,
      { enabled: true },
    );
    await send(2);
    const after = await call('GET', `/api/devices/${deviceId}/uplinks?limit=1`);
    expect(after.json.data[0].decodings).toEqual([
      expect.objectContaining({
        decoderName: 'SenML/ThingsML passthrough',
        error: null,
        records: [expect.objectContaining({ v: 2, u: 'Cel' })],
      }),
    ]);
  });

  it('refuses a decoder of the wrong kind and other customers', async () => {
    const wrong = await call(
      'PUT',
      `/api/device-groups/${acme.flowId}/decoders/generic-internet/${elsysDecoder.id}`,
      { enabled: true },
    );
    expect(wrong.status).toBe(400);
    const other = await t.customer('Other');
    const res = await t.request('GET', `/api/device-groups/${acme.flowId}/decoders`, {
      cookie: other.cookie,
    });
    expect(res.status).toBe(404);
  });
});

describe('data history and reported state', () => {
  it('shows raw payload, decodings, deliveries and the twin', async () => {
    await send(23.5);
    const res = await call('GET', `/api/devices/${deviceId}/uplinks?limit=1&includeTotal=true`);
    const [u] = res.json.data;
    expect(u.payloadText).toContain('"v":23.5');
    expect(u.payloadHex).toMatch(/^[0-9a-f]+$/);
    expect(u.connector).toBe('http-senml-ip');
    const twin = await call('GET', `/api/devices/${deviceId}/twin/reported`);
    expect(twin.json.data).toEqual([
      expect.objectContaining({ name: 'temperature', value: 23.5, unit: 'Cel' }),
    ]);
    const since = await call(
      'GET',
      `/api/devices/${deviceId}/uplinks?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(since.json.data).toEqual([]);
  });

  it('counts the uplinks the filters match in meta.total when asked (includeTotal), whatever the page', async () => {
    await send(24.5);
    const all = await call('GET', `/api/devices/${deviceId}/uplinks?limit=100`);
    const n = all.json.data.length;
    expect(n).toBeGreaterThan(1);
    expect(all.json.meta).toBeUndefined();
    const page = await call('GET', `/api/devices/${deviceId}/uplinks?limit=1&includeTotal=true`);
    expect(page.json.data).toHaveLength(1);
    expect(page.json.meta).toEqual({ total: n });
    const none = await call(
      'GET',
      `/api/devices/${deviceId}/uplinks?includeTotal=true&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(none.json.meta).toEqual({ total: 0 });
  });
});
