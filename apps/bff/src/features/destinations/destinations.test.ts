import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SECRET_ROTATION_OVERLAP_MS,
  thingsMessageToken,
  verifyStandardWebhook,
  whsecKey,
} from '@openthings/domain';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliverer } from '../../pipeline/deliver/deliverer.ts';
import { createTestApp, PASSWORD, type TestApp } from '../../testing/test-app.ts';

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let dvnUuid: string;
let deliverer: ReturnType<typeof createDeliverer>;
let server: Server;
let answers: number[] = [];

const call = (method: string, path: string, body?: unknown) =>
  t.request(method, path, { cookie: acme.cookie, body });
async function uplink(v: number) {
  const body = JSON.stringify([{ bn: `urn:dev:DVNUUID:${dvnUuid}:`, n: 'temperature', u: 'Cel', v }]);
  const res = await t.app.request('http://localhost/ingestion/ip/senml/v1', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'things-message-token': createHash('sha256').update(body).update(SECRET).digest('hex'),
    },
    body,
  });
  expect(res.status).toBe(202);
  // Decoded in the commit that stored it, delivered from memory right after.
  await t.pipeline.idle();
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  dvnUuid = crypto.randomUUID();
  const d = await call('POST', '/api/devices', {
    projectId: acme.projectId,
    deviceTypeId: 'generic-internet',
    name: 'Station',
  });
  await call('POST', `/api/devices/${d.json.id}/network-adapters`, {
    type: 'INTERNET',
    dvnUuid,
    sharedSecret: SECRET,
  });
  await call('POST', `/api/device-groups/${acme.flowId}/devices/${d.json.id}`);
  deliverer = createDeliverer(t.deps, () => 0.5);
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = answers.shift() ?? 200;
      res.end('{"ok":false}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await deliverer.close();
  await new Promise<void>((r) => server.close(() => r()));
  await t.close();
});

describe('destinations API', () => {
  it('creates a test endpoint with a generated secret shown once and shows what it received', async () => {
    const created = await call('POST', '/api/destinations', { kind: 'TEST', name: 'Inbox' });
    expect(created.status).toBe(201);
    const { destination, secrets } = created.json;
    expect(secrets.sharedSecret).toMatch(/^.{32,}$/);
    expect(destination).toMatchObject({
      kind: 'TEST',
      status: 'ACTIVE',
      config: null,
      signing: { plugUuid: destination.id },
    });
    expect(destination.signing.whsecKey).toBe(
      `whsec_${Buffer.from(secrets.sharedSecret).toString('base64')}`,
    );
    const read = await call('GET', `/api/destinations/${destination.id}`);
    expect(read.json.signing.whsecKey).toBeNull();
    expect(JSON.stringify(read.json)).not.toContain(secrets.sharedSecret);

    expect(
      (await call('POST', `/api/device-groups/${acme.flowId}/destinations/${destination.id}`)).status,
    ).toBe(204);
    await uplink(19.5);
    const inbox = await call('GET', `/api/destinations/${destination.id}/inbox`);
    expect(inbox.json.data).toHaveLength(1);
    expect(JSON.parse(inbox.json.data[0].body)[0]).toMatchObject({ n: 'temperature', v: 19.5 });
    expect(inbox.json.data[0].headers['things-plug-uuid']).toBe(destination.id);
    expect(
      (await call('DELETE', `/api/device-groups/${acme.flowId}/destinations/${destination.id}`)).status,
    ).toBe(204);
  });

  it('keeps HTTPS credentials write-only and validates the config', async () => {
    const res = await call('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: 'Receiver',
      sharedSecret: 'Receiver-Secret-0123456789-abcXYZ!!',
      config: {
        url: 'https://example.test/hook',
        auth: { type: 'bearer', token: 'tok-123' },
        headers: { 'x-tenant': 'acme' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.secrets).toEqual({});
    expect(res.json.destination.config).toEqual({
      url: 'https://example.test/hook',
      method: 'POST',
      headers: { 'x-tenant': 'acme' },
      auth: { type: 'bearer' },
    });
    expect(JSON.stringify(res.json)).not.toContain('tok-123');
    const metadata = await call('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: 'Evil',
      config: { url: 'http://169.254.169.254/latest' },
    });
    expect(metadata.status).toBe(400);
    const kind = await call('PATCH', `/api/destinations/${res.json.destination.id}`, {
      kind: 'TEST',
      name: 'x',
    });
    expect(kind.status).toBe(400);
    const renamed = await call('PATCH', `/api/destinations/${res.json.destination.id}`, {
      kind: 'HTTPS',
      name: 'Renamed',
      config: { method: 'PUT' },
    });
    expect(renamed.json).toMatchObject({
      name: 'Renamed',
      config: { method: 'PUT', url: 'https://example.test/hook', auth: { type: 'bearer' } },
    });
  });

  it('lists dead letters, replays one, and logs every attempt', async () => {
    const created = await call('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: 'Flaky',
      config: {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`,
        auth: { type: 'apiKey', header: 'x-api-key', value: 'k-secret' },
      },
    });
    const id = created.json.destination.id;
    await call('POST', `/api/device-groups/${acme.flowId}/destinations/${id}`);
    answers = [400];
    await uplink(1);
    const dead = await call('GET', `/api/destinations/${id}/dead-letters?includeTotal=true`);
    expect(dead.json.meta.total).toBe(1);
    expect(dead.json.data[0]).toMatchObject({ attempts: 1, lastStatus: 400, lastError: 'HTTP 400' });
    answers = [200];
    const replay = await call('POST', `/api/destinations/${id}/dead-letters/${dead.json.data[0].id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual({ replayed: 1 });
    await deliverer.deliverBatch();
    expect((await call('GET', `/api/destinations/${id}/dead-letters`)).json.data).toEqual([]);
    const again = await call('POST', `/api/destinations/${id}/dead-letters/${dead.json.data[0].id}/replay`);
    expect(again.status).toBe(409);
    const attempts = await call('GET', `/api/destinations/${id}/attempts?sort=at`);
    expect(attempts.json.data.map((a: { status: number }) => a.status)).toEqual([400, 200]);
    expect(attempts.json.data[0].requestHeaders['x-api-key']).toBe('[redacted]');
    expect(attempts.json.data[0].response).toBe('{"ok":false}');

    answers = [422, 422];
    await uplink(2);
    await uplink(3);
    const since = await call('POST', `/api/destinations/${id}/dead-letters/replay`, {
      since: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(since.json).toEqual({ replayed: 2 });
    answers = [200, 200];
    expect(await deliverer.deliverBatch()).toBe(2);
    await call('DELETE', `/api/device-groups/${acme.flowId}/destinations/${id}`);
  });

  it('activates a destination deactivated by a 410 and refuses the inbox of non-test endpoints', async () => {
    const created = await call('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: 'Gone',
      config: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/gone` },
    });
    const id = created.json.destination.id;
    await call('POST', `/api/device-groups/${acme.flowId}/destinations/${id}`);
    answers = [410];
    await uplink(4);
    expect((await call('GET', `/api/destinations/${id}`)).json).toMatchObject({
      status: 'INACTIVE',
      inactiveReason: 'The endpoint answered 410 Gone',
    });
    const activated = await call('POST', `/api/destinations/${id}/activate`);
    expect(activated.json).toMatchObject({ status: 'ACTIVE', inactiveReason: null, failingSince: null });
    expect((await call('GET', `/api/destinations/${id}/inbox`)).status).toBe(409);
    await call('DELETE', `/api/device-groups/${acme.flowId}/destinations/${id}`);
  });

  it('counts destination links against the Freemium limit of three', async () => {
    const own = await t.customer('Limits');
    const mk = async (name: string) =>
      (await t.request('POST', '/api/destinations', { cookie: own.cookie, body: { kind: 'TEST', name } }))
        .json.destination.id as string;
    for (const name of ['a', 'b', 'c']) {
      expect(
        (
          await t.request('POST', `/api/device-groups/${own.flowId}/destinations/${await mk(name)}`, {
            cookie: own.cookie,
          })
        ).status,
      ).toBe(204);
    }
    const fourth = await t.request('POST', `/api/device-groups/${own.flowId}/destinations/${await mk('d')}`, {
      cookie: own.cookie,
    });
    expect(fourth.status).toBe(409);
    expect(fourth.json.detail).toBe(
      'Destination could not be linked: The maximum amount of destinations for this product has been reached',
    );
  });
  it('signs so that a stock Standard Webhooks verifier given the shown whsec_ key accepts every delivery', async () => {
    // The second secret begins with whsec_ yet is plain text to us: the shown key must still be its key.
    for (const sharedSecret of [
      'Stock-Verifier-Secret-0123456789!',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    ]) {
      const created = await call('POST', '/api/destinations', { kind: 'TEST', name: 'Stock', sharedSecret });
      expect(created.status, created.text).toBe(201);
      const { id, signing } = created.json.destination;
      await call('POST', `/api/device-groups/${acme.flowId}/destinations/${id}`);
      await uplink(7);
      const inbox = await call('GET', `/api/destinations/${id}/inbox`);
      const { headers, body } = inbox.json.data[0] as { headers: Record<string, string>; body: string };
      expect(new Webhook(signing.whsecKey).verify(body, headers)).toEqual(JSON.parse(body));
      await call('DELETE', `/api/device-groups/${acme.flowId}/destinations/${id}`);
    }
  });

  // Last: it moves the clock a day on.
  it('signs with the previous secret too for a day after a rotation, then with the new one only', async () => {
    const oldSecret = 'Old-Destination-Secret-0123456789!';
    const newSecret = 'New-Destination-Secret-9876543210?';
    const created = await call('POST', '/api/destinations', {
      kind: 'TEST',
      name: 'Rotating',
      sharedSecret: oldSecret,
    });
    const id = created.json.destination.id;
    expect(created.json.destination.signing.previousSecretUntil).toBeNull();
    await call('POST', `/api/device-groups/${acme.flowId}/destinations/${id}`);
    const rotated = await call('PATCH', `/api/destinations/${id}`, { kind: 'TEST', sharedSecret: newSecret });
    expect(rotated.status, rotated.text).toBe(200);
    const until = Date.parse(rotated.json.signing.previousSecretUntil);
    expect(until - t.deps.now().getTime()).toBe(SECRET_ROTATION_OVERLAP_MS);

    /** The newest request in the inbox, checked against each secret alone. */
    const latest = async () => {
      const inbox = await call('GET', `/api/destinations/${id}/inbox`);
      const { headers, body } = inbox.json.data[0] as { headers: Record<string, string>; body: string };
      const verifies = async (secret: string) =>
        (await verifyStandardWebhook({ headers, body, secrets: [whsecKey(secret)], now: t.deps.now() })).ok;
      return {
        signatures: headers['webhook-signature']!.split(' ').length,
        old: await verifies(oldSecret),
        new: await verifies(newSecret),
        token: headers['things-message-token'] === (await thingsMessageToken(body, newSecret)),
      };
    };
    await uplink(1);
    expect(await latest()).toEqual({ signatures: 2, old: true, new: true, token: true });

    t.advanceClock(SECRET_ROTATION_OVERLAP_MS + 1000);
    acme.cookie = await t.login(acme.email, PASSWORD);
    expect((await call('GET', `/api/destinations/${id}`)).json.signing.previousSecretUntil).toBeNull();
    await uplink(2);
    expect(await latest()).toEqual({ signatures: 1, old: false, new: true, token: true });
    await call('DELETE', `/api/device-groups/${acme.flowId}/destinations/${id}`);
  });
});

describe('test connection', () => {
  it('sends an HTTPS endpoint one signed test message and reports its answer', async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    let status = 200;
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const secret = 'Receiver-Secret-0123456789-abcXYZ!!';
      const created = await call('POST', '/api/destinations', {
        kind: 'HTTPS',
        name: 'Tested',
        sharedSecret: secret,
        config: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
      });
      const id = created.json.destination.id;

      const ok = await call('POST', `/api/destinations/${id}/test-connection`);
      expect(ok.status, ok.text).toBe(200);
      expect(ok.json).toMatchObject({ ok: true, status: 200, message: expect.stringMatching(/HTTP 200/) });
      expect(received).toHaveLength(1);
      const { headers, body } = received[0]!;
      expect(headers['webhook-id']).toMatch(/^test_/);
      expect(headers['things-plug-uuid']).toBe(id);
      // Signed exactly like a delivery: it verifies with the destination's key at the app's time.
      const flat = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, String(v)]));
      const verified = await verifyStandardWebhook({
        headers: flat,
        body,
        secrets: [whsecKey(secret)],
        now: t.deps.now(),
      });
      expect(verified.ok).toBe(true);
      expect(JSON.parse(body)[0]).toMatchObject({ n: 'connection-test' });

      status = 401;
      const refused = await call('POST', `/api/destinations/${id}/test-connection`);
      expect(refused.json).toMatchObject({
        ok: false,
        status: 401,
        message: expect.stringMatching(/dead letters/),
      });
      status = 503;
      expect((await call('POST', `/api/destinations/${id}/test-connection`)).json.message).toMatch(/retried/);

      // Nothing was delivered or logged as an attempt: a test is not a delivery.
      expect((await call('GET', `/api/destinations/${id}/attempts`)).json.data).toEqual([]);

      const other = await t.customer('Other test-connection');
      const foreign = await t.request('POST', `/api/destinations/${id}/test-connection`, {
        cookie: other.cookie,
      });
      expect(foreign.status).toBe(404);
      // Read Only users may not make the platform send requests.
      const reader = await t.customer('Reader test-connection', ['manager:read']);
      const readOnly = await t.request('POST', `/api/destinations/${id}/test-connection`, {
        cookie: reader.cookie,
      });
      expect(readOnly.status).toBe(403);
      expect(received).toHaveLength(3);
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()));
    }
  });

  it('reports an unreachable endpoint and a test endpoint plainly', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const created = await call('POST', '/api/destinations', {
      kind: 'HTTPS',
      name: 'Gone away',
      config: { url: `http://127.0.0.1:${port}/hook` },
    });
    const down = await call('POST', `/api/destinations/${created.json.destination.id}/test-connection`);
    expect(down.json).toMatchObject({
      ok: false,
      status: null,
      message: expect.stringMatching(/ECONNREFUSED/),
    });

    const inbox = await call('POST', '/api/destinations', { kind: 'TEST', name: 'Inbox tested' });
    const ready = await call('POST', `/api/destinations/${inbox.json.destination.id}/test-connection`);
    expect(ready.json).toMatchObject({ ok: true });
  });
});
