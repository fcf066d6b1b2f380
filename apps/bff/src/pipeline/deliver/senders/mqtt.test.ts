import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { eq } from 'drizzle-orm';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, deliveryAttempts, destinations, flowDestinations } from '../../../db/schema/index.ts';
import { internetDevice } from '../../../testing/devices.ts';
import { createTestApp, type TestApp } from '../../../testing/test-app.ts';
import { createPipeline, type Pipeline } from '../../pipeline.ts';

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
const BROKER_USER = 'openthings';
const BROKER_PASSWORD = 'Broker-Password-42!';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let deviceId: string;
let urn: string;
let external: Awaited<ReturnType<typeof externalBroker>>;
let subscriber: MqttClient;

/** A stand-in for the customer's broker: any aedes on a free port, with a login of its own. */
async function externalBroker() {
  const logins: string[] = [];
  const connections = { count: 0 };
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      connections.count++;
      const ok = username === BROKER_USER && password?.toString() === BROKER_PASSWORD;
      if (ok) logins.push(client.id);
      done(null, ok || username === 'subscriber');
    },
  });
  const server = createServer(broker.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { broker, server, port, logins, connections };
}

async function stop(b: { broker: Aedes; server: Server }) {
  const closed = new Promise<void>((resolve) => b.server.close(() => resolve()));
  await new Promise<void>((resolve) => b.broker.close(() => resolve()));
  await closed;
}

/** A port nothing listens on: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function mqttDestination(config: Record<string, unknown>) {
  const [row] = await t.deps.db
    .insert(destinations)
    .values({
      customerId: acme.customerId,
      kind: 'MQTT',
      name: `MQTT ${Math.random()}`,
      config,
      sharedSecret: 'Destination-Secret-0123456789-abcXYZ!',
    })
    .returning({ id: destinations.id });
  await t.deps.db
    .insert(flowDestinations)
    .values({ flowId: acme.flowId, destinationId: row!.id, customerId: acme.customerId });
  return row!.id;
}

/**
 * One uplink through a pipeline's ingest (the app's, or another one's): one delivery per linked
 * destination, first attempted from memory by that pipeline's deliverer.
 */
async function uplink(v: number, pipeline: Pipeline = t.pipeline) {
  const body = JSON.stringify([{ bn: urn, n: 'temperature', u: 'Cel', v }]);
  await pipeline.ingest.accept({
    connector: 'http-senml-ip',
    format: 'senml',
    networkType: 'INTERNET',
    identifier: urn.split(':')[3]!,
    payload: new TextEncoder().encode(body),
    contentType: 'application/senml+json',
    token: createHash('sha256').update(body).update(SECRET).digest('hex'),
  });
  await pipeline.idle();
}

const deliveryTo = async (destinationId: string) =>
  (await t.deps.db.select().from(deliveries).where(eq(deliveries.destinationId, destinationId)))[0]!;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  ({ id: deviceId, urn } = await internetDevice(t, acme, SECRET));
  external = await externalBroker();
  subscriber = await connectAsync(`mqtt://127.0.0.1:${external.port}`, {
    username: 'subscriber',
    reconnectPeriod: 0,
  });
});

afterAll(async () => {
  await subscriber?.endAsync(true);
  if (external) await stop(external);
  await t.close();
});

const unlinkAll = () => t.deps.db.delete(flowDestinations).where(eq(flowDestinations.flowId, acme.flowId));

describe('MQTT destination', () => {
  it('publishes each delivery on the rendered topic over one reused connection', async () => {
    const received: { topic: string; body: string; qos: number }[] = [];
    subscriber.on('message', (topic, payload, packet) =>
      received.push({ topic, body: payload.toString(), qos: packet.qos }),
    );
    await subscriber.subscribeAsync('things/#', { qos: 1 });
    const id = await mqttDestination({
      url: `mqtt://127.0.0.1:${external.port}`,
      topic: 'things/{deviceId}/{urn}',
      qos: 1,
      username: BROKER_USER,
      password: BROKER_PASSWORD,
    });
    await uplink(20.5);
    await uplink(21.5);
    const delivery = await deliveryTo(id);
    expect(delivery).toMatchObject({ state: 'succeeded', attempts: 1, lastError: null });
    await expect.poll(() => received.length).toBe(2);
    expect(received.map((r) => r.topic)).toEqual([`things/${deviceId}/${urn}`, `things/${deviceId}/${urn}`]);
    expect(received.map((r) => JSON.parse(r.body)[0].v).sort()).toEqual([20.5, 21.5]);
    expect(JSON.parse(received[0]!.body)[0]).toMatchObject({ bn: urn, n: 'temperature', u: 'Cel' });
    expect(external.logins).toHaveLength(1);
    const [attempt] = await t.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, delivery.id));
    expect(attempt).toMatchObject({ error: null, response: `PUBACK on things/${deviceId}/${urn}` });
    subscriber.removeAllListeners('message');
    await unlinkAll();
  });

  it('publishes at QoS 0 when the destination asks for it', async () => {
    const received: number[] = [];
    subscriber.on('message', (_topic, _payload, packet) => received.push(packet.qos));
    const id = await mqttDestination({
      url: `mqtt://127.0.0.1:${external.port}`,
      topic: 'things/qos0',
      qos: 0,
      username: BROKER_USER,
      password: BROKER_PASSWORD,
    });
    await uplink(1);
    expect(await deliveryTo(id)).toMatchObject({ state: 'succeeded' });
    await expect.poll(() => received).toEqual([0]);
    subscriber.removeAllListeners('message');
    await unlinkAll();
  });

  it('keeps the delivery pending with a logged network error while the broker is down', async () => {
    const id = await mqttDestination({
      url: `mqtt://127.0.0.1:${await deadPort()}`,
      topic: 'things',
      qos: 1,
    });
    await uplink(2);
    const delivery = await deliveryTo(id);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1 });
    expect(delivery.lastError).toMatch(/^MQTT: .*ECONNREFUSED/);
    const attempts = await t.deps.db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, delivery.id));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.error).toMatch(/ECONNREFUSED/);
    await unlinkAll();
  });

  it('treats a refused broker login as a network error that retries', async () => {
    const id = await mqttDestination({
      url: `mqtt://127.0.0.1:${external.port}`,
      topic: 'things',
      qos: 1,
      username: BROKER_USER,
      password: 'Not-The-Password-1!',
    });
    await uplink(3);
    const delivery = await deliveryTo(id);
    expect(delivery).toMatchObject({ state: 'pending', attempts: 1 });
    expect(delivery.lastError).toMatch(/^MQTT: .*Not authorized/i);
    await unlinkAll();
  });

  it('refuses a broker on a private address when private destinations are not allowed', async () => {
    const strict = createPipeline({ ...t.deps, env: { ...t.deps.env, ALLOW_PRIVATE_DESTINATIONS: false } });
    const connectionsBefore = external.connections.count;
    try {
      const id = await mqttDestination({ url: `mqtt://localhost:${external.port}`, topic: 'things', qos: 1 });
      await uplink(4, strict);
      const delivery = await deliveryTo(id);
      expect(delivery).toMatchObject({ state: 'pending', attempts: 1 });
      expect(delivery.lastError).toMatch(
        /Deliveries may not go to 127\.0\.0\.1: loopback addresses are allowed only when/,
      );
      // Refused before connecting: the broker never saw a CONNECT.
      expect(external.connections.count).toBe(connectionsBefore);
    } finally {
      await strict.close();
      await unlinkAll();
    }
  });
});
