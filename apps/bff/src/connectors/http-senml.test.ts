import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../http/serve.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * The production server answers device POSTs before Hono (`senmlFastPath`); tests elsewhere go through
 * the Hono routes. Both must give a device the same answers: each case runs against both.
 */
const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
let t: TestApp;
let server: Awaited<ReturnType<typeof listen>>;
let urn: string;

beforeAll(async () => {
  t = await createTestApp();
  const acme = await t.customer('Acme');
  const uuid = crypto.randomUUID();
  urn = `urn:dev:DVNUUID:${uuid}:`;
  const d = await t.request('POST', '/api/devices', {
    cookie: acme.cookie,
    body: { projectId: acme.projectId, deviceTypeId: 'generic-internet', name: 'Station' },
  });
  await t.request('POST', `/api/devices/${d.json.id}/network-adapters`, {
    cookie: acme.cookie,
    body: { type: 'INTERNET', dvnUuid: uuid, sharedSecret: SECRET },
  });
  server = await listen({ ...t.deps, env: { ...t.deps.env, PORT: 0, HOST: '127.0.0.1' } }, t.pipeline);
});
afterAll(async () => {
  await server.close();
  await t.close();
});

const token = (body: string) => createHash('sha256').update(body).update(SECRET).digest('hex');
type Case = { body: string; headers?: Record<string, string>; path?: string };
const headersOf = (c: Case) => ({
  'content-type': 'application/senml+json',
  'things-message-token': token(c.body),
  ...c.headers,
});

/** A device POST through `send` (Hono's `app.request`, or `fetch` to the real server), read back. */
async function answer(
  send: (url: string, init: RequestInit) => Promise<Response> | Response,
  base: string,
  c: Case,
) {
  const res = await send(`${base}${c.path ?? '/ingestion/ip/senml/v1'}`, {
    method: 'POST',
    headers: headersOf(c),
    body: c.body,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    id: res.headers.get('x-uplink-id'),
    text: await res.text(),
  };
}
const viaHono = (c: Case) => answer((url, init) => t.app.request(url, init), 'http://localhost', c);
const viaServer = (c: Case) => answer(fetch, server.url, c);
const code = (text: string) => (text ? (JSON.parse(text) as { code: string; detail?: string }) : undefined);

describe('device POSTs answered before Hono', () => {
  it('stores a signed pack and answers 202 with its id, as the Hono route does', async () => {
    const body = JSON.stringify([{ bn: urn, n: 'temperature', u: 'Cel', v: 21 }]);
    const [hono, direct] = [await viaHono({ body }), await viaServer({ body })];
    expect([hono.status, direct.status]).toEqual([202, 202]);
    expect(direct.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(direct.id).not.toBe(hono.id);
  });

  it.each<[string, Case, number, string]>([
    ['a pack without the device URN as base name', { body: '[{"n":"x","v":1}]' }, 400, 'ingest.bad_senml'],
    [
      'a bad token',
      { body: 'PLACEHOLDER', headers: { 'things-message-token': 'f'.repeat(64) } },
      401,
      'ingest.bad_token',
    ],
    ['no token', { body: 'PLACEHOLDER', headers: { 'things-message-token': '' } }, 401, 'ingest.bad_token'],
    ['malformed JSON', { body: '[{"bn":' }, 400, 'ingest.bad_senml'],
    ['a record naming another device', { body: 'OTHER' }, 400, 'ingest.bad_senml'],
    [
      'a wrong content type',
      { body: 'PLACEHOLDER', headers: { 'content-type': 'text/plain' } },
      415,
      'request.unsupported_media_type',
    ],
    [
      'a body over 64 KB',
      { body: `[${'{"n":"x","v":1},'.repeat(5000)}{"n":"x","v":1}]` },
      413,
      'request.body_too_large',
    ],
    [
      'an M2M pack on the internet path',
      { body: '[{"bn":"urn:dev:IMEI:357292748642776:","n":"x","v":1}]' },
      400,
      'ingest.bad_senml',
    ],
    [
      'an unknown path under the connector',
      { body: 'PLACEHOLDER', path: '/ingestion/ip/senml/v2' },
      404,
      'route.not_found',
    ],
  ])('answers %s the same way: %d problem+json', async (_, c, status, expected) => {
    const body =
      c.body === 'PLACEHOLDER'
        ? JSON.stringify([{ bn: urn, n: 'x', v: 1 }])
        : c.body === 'OTHER'
          ? JSON.stringify([
              { bn: urn, n: 'x', v: 1 },
              { bn: 'urn:dev:DVNUUID:00000000-0000-4000-8000-000000000000:', n: 'x', v: 2 },
            ])
          : c.body;
    const one = { ...c, body };
    const [hono, direct] = [await viaHono(one), await viaServer(one)];
    expect(direct.status).toBe(hono.status);
    if (status === 404) return;
    expect(hono.status).toBe(status);
    expect(direct.type).toBe('application/problem+json');
    expect(code(direct.text)?.code).toBe(expected);
    expect(code(direct.text)?.code).toBe(code(hono.text)?.code);
    expect(code(direct.text)?.detail).toBe(code(hono.text)?.detail);
  });

  it('leaves every other request to the portal and the API', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const get = await fetch(`${server.url}/ingestion/ip/senml/v1`);
    expect(get.status).toBe(404);
  });
});
