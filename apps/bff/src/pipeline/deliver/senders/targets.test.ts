import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../app.ts';
import { createTestApp, ORIGIN, type TestApp } from '../../../testing/test-app.ts';
import { createHttpSender } from './http.ts';
import { createMqttSender } from './mqtt.ts';
import type { Outgoing } from './sender.ts';

/**
 * With private targets off (production), a destination written as an IP literal must neither be saved
 * nor reached: Node skips DNS lookup hooks for literals, so the check has to read the literal itself.
 */
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let receiver: Server;
let hits = 0;
let port: number;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  receiver = createServer((req, res) => {
    hits++;
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await t.close();
});

const LITERALS = (p: number) => [
  `http://127.0.0.1:${p}/hook`,
  `http://127.1:${p}/hook`,
  `http://2130706433:${p}/hook`,
  `http://0x7f.0.0.1:${p}/hook`,
  `http://[::ffff:127.0.0.1]:${p}/hook`,
  `http://[::1]:${p}/hook`,
];

describe('destinations written as IP literals, private targets off', () => {
  it('refuses to save each one with 400 and the reason', async () => {
    const production = createApp({
      ...t.deps,
      env: { ...t.deps.env, ALLOW_PRIVATE_DESTINATIONS: false },
    }).app;
    const create = (body: unknown) =>
      production.request(`${ORIGIN}/api/destinations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: acme.cookie, origin: ORIGIN },
        body: JSON.stringify(body),
      });
    for (const url of LITERALS(port)) {
      const res = await create({ kind: 'HTTPS', name: 'Loopback', config: { url } });
      expect(res.status, url).toBe(400);
      const problem = (await res.json()) as { code: string; errors: Record<string, string[]> };
      expect(problem.code).toBe('destinations.target_not_allowed');
      expect(problem.errors['body.config.url']![0]).toMatch(/loopback addresses are allowed only when/);
    }
    const mqtt = await create({
      kind: 'MQTT',
      name: 'Broker',
      config: { url: 'mqtt://2130706433:1883', topic: 't' },
    });
    expect(mqtt.status).toBe(400);
    // The same URLs are fine where the operator allows private targets (development).
    const dev = await t.request('POST', '/api/destinations', {
      cookie: acme.cookie,
      body: { kind: 'HTTPS', name: 'Local receiver', config: { url: `http://127.1:${port}/hook` } },
    });
    expect(dev.status, dev.text).toBe(201);
  });

  it('never connects to one that was saved before, over HTTP', async () => {
    const sender = createHttpSender({ allowPrivate: false });
    try {
      for (const url of LITERALS(port)) {
        const [result] = await sender.sendBatch([outgoing('HTTPS', { url, method: 'POST' })]);
        expect(result!.outcome, url).toMatchObject({
          kind: 'network',
          error: expect.stringMatching(/may not go to/),
        });
      }
      expect(hits).toBe(0);
    } finally {
      await sender.close();
    }
  });

  it('never connects to one over MQTT', async () => {
    const sender = createMqttSender({ allowPrivate: false });
    try {
      const config = { url: `mqtt://2130706433:${port}`, topic: 't', qos: 0 };
      const [result] = await sender.sendBatch([outgoing('MQTT', config)]);
      expect(result!.outcome).toMatchObject({
        kind: 'network',
        error: expect.stringMatching(/may not go to 127\.0\.0\.1/),
      });
      // Testing the connection is refused the same way, before any connection.
      const test = await sender.testConnection(outgoing('MQTT', config).d, new Date());
      expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/may not go to 127\.0\.0\.1/) });
      expect(hits).toBe(0);
    } finally {
      await sender.close();
    }
  });

  it('still delivers to a loopback literal when private targets are on', async () => {
    const sender = createHttpSender({ allowPrivate: true });
    try {
      const [result] = await sender.sendBatch([
        outgoing('HTTPS', { url: `http://127.1:${port}/hook`, method: 'POST' }),
      ]);
      expect(result!.outcome).toEqual({ kind: 'response', status: 200 });
      expect(hits).toBe(1);
    } finally {
      await sender.close();
    }
  });
});

/** A delivery to a destination of `kind` with `config`, as the deliverer hands it to a sender. */
function outgoing(kind: 'HTTPS' | 'MQTT', config: Record<string, unknown>): Outgoing {
  const d = {
    id: 'del_1',
    body: '[]',
    attempts: 0,
    deviceId: 'dev_1',
    destinationId: 'dst_1',
    kind,
    config,
    sharedSecret: 's'.repeat(32),
    previousSharedSecret: null,
    previousSecretUntil: null,
  };
  return { d, headers: {}, at: new Date() };
}
