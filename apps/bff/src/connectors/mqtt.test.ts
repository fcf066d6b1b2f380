import { connect } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { connectAsync } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it, vi } from 'vitest';
import {
  destinations,
  bindings as deviceBindings,
  flowDestinations,
  testEndpointRequests,
  twinReported,
  uplinks,
} from '../db/schema/index.ts';
import { kdfPool } from '../features/auth/kdf-pool.ts';
import { sha256 } from '../features/auth/passwords.ts';
import type { IngestService } from '../pipeline/ingest/ingest.service.ts';
import { closed, OTHER_PASSWORD, PASSWORD, URN, useMqttFixture } from '../testing/mqtt-fixture.ts';
import { downTopic, startMqttBroker, upTopic } from './mqtt.ts';

const f = useMqttFixture();
const { call, login, refusal, storedUplinks } = f;

describe('MQTT connector', () => {
  it('acknowledges a QoS 1 uplink only once it is stored, and the pipeline forwards it', async () => {
    const [inbox] = await f.t.deps.db
      .insert(destinations)
      .values({
        customerId: f.acme.customerId,
        kind: 'TEST',
        name: 'Inbox',
        sharedSecret: 'Destination-Secret-0123456789-abcXYZ!',
      })
      .returning({ id: destinations.id });
    await f.t.deps.db
      .insert(flowDestinations)
      .values({ flowId: f.acme.flowId, destinationId: inbox!.id, customerId: f.acme.customerId });

    const device = await login(URN, PASSWORD);
    const pack = JSON.stringify([{ bn: URN, n: 'temperature', u: 'Cel', v: 21.5 }]);
    await device.publishAsync(upTopic(URN), pack, { qos: 1 });
    // No waiting: the PUBACK itself says the uplink is committed.
    const stored = await storedUplinks();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ state: 'processed', contentType: 'application/senml+json' });
    expect(new TextDecoder().decode(stored[0]!.payload)).toBe(pack);
    expect(stored[0]!.metadata).toMatchObject({ topic: upTopic(URN), qos: 1 });

    // Decoded in the commit that stored it, delivered from memory right after.
    await f.t.pipeline.idle();
    const [request] = await f.t.deps.db
      .select()
      .from(testEndpointRequests)
      .where(eq(testEndpointRequests.destinationId, inbox!.id));
    expect(JSON.parse(request!.body)[0]).toMatchObject({ bn: URN, n: 'temperature', u: 'Cel', v: 21.5 });
    await f.t.deps.db.delete(flowDestinations).where(eq(flowDestinations.destinationId, inbox!.id));
  });

  it('takes the device URN as base name when the pack leaves bn out', async () => {
    const device = await login(URN, PASSWORD);
    await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'batteryVoltage', u: 'V', v: 3.6 }]), {
      qos: 1,
    });
    await f.t.pipeline.idle();
    const twin = await f.t.deps.db
      .select()
      .from(twinReported)
      .where(and(eq(twinReported.deviceId, f.deviceId), eq(twinReported.name, 'batteryVoltage')));
    expect(twin[0]?.value).toBe(3.6);
  });

  it.each([
    ['a wrong password', () => refusal(URN, 'Wrong-Password-0123456789-xyz!')],
    ['an unknown device URN', () => refusal('urn:dev:IMEI:490154203237518:', PASSWORD)],
    ['a user name that is not a device URN', () => refusal('admin', PASSWORD)],
    ['no password', () => refusal(URN, '')],
  ])('refuses a login with %s (bad user name or password)', async (_, attempt) => {
    expect(await attempt()).toBe(4);
  });

  it('refuses the old password as soon as it is changed, whatever it cached', async () => {
    await login(URN, PASSWORD);
    const changed = 'Changed-Password-0123456789-q!';
    expect((await call('PATCH', `/api/mqtt/bindings/${f.bindingId}`, { password: changed })).status).toBe(
      200,
    );
    expect(await refusal(URN, PASSWORD)).toBe(4);
    expect(await refusal(URN, changed)).toBe('connected');
    await call('PATCH', `/api/mqtt/bindings/${f.bindingId}`, { password: PASSWORD });
  });

  it('tells API users and the portal where the broker is', async () => {
    const info = await call('GET', '/api/mqtt/broker');
    expect(info.status, info.text).toBe(200);
    expect(info.json).toEqual({
      tcpPort: f.broker.port,
      tlsPort: f.broker.tls!.port,
      tlsFingerprint: f.broker.tls!.certificate().fingerprint,
      tlsSelfSigned: true,
      webSocketPath: '/mqtt',
    });
  });

  it('generates a password when none is given: shown once, and checked without scrypt', async () => {
    const regenerated = await call('PATCH', `/api/mqtt/bindings/${f.bindingId}`, {});
    expect(regenerated.status, regenerated.text).toBe(200);
    const secret: string = regenerated.json.generatedPassword;
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect((await call('GET', `/api/mqtt/bindings/${f.bindingId}`)).json).not.toHaveProperty(
      'generatedPassword',
    );
    const [stored] = await f.t.deps.db
      .select({ hash: deviceBindings.passwordHash })
      .from(deviceBindings)
      .where(eq(deviceBindings.id, f.bindingId));
    expect(stored?.hash).toBe(`sha256$${sha256(secret)}`);

    const scryptChecks = kdfPool.started.device;
    expect(await refusal(URN, secret)).toBe('connected');
    expect(await refusal(URN, `${secret.slice(0, -1)}x`)).toBe(4);
    expect(await refusal(URN, PASSWORD)).toBe(4);
    // An unknown device is refused as cheaply: a flood of made-up names costs no scrypt either.
    expect(await refusal('urn:dev:IMEI:490154203237518:', secret)).toBe(4);
    expect(kdfPool.started.device).toBe(scryptChecks);

    await call('PATCH', `/api/mqtt/bindings/${f.bindingId}`, { password: PASSWORD });
    expect(await refusal(URN, secret)).toBe(4);
    expect(await refusal(URN, PASSWORD)).toBe('connected');
    expect(kdfPool.started.device).toBeGreaterThan(scryptChecks);
  });

  it('closes the connection of a device that publishes to another device’s topic and stores nothing', async () => {
    const before = (await f.t.deps.db.select().from(uplinks)).length;
    const device = await login(URN, PASSWORD);
    const gone = closed(device);
    device.publish(upTopic(f.otherUrn), JSON.stringify([{ n: 'x', v: 1 }]), { qos: 1 });
    await gone;
    const other = await login(URN, PASSWORD);
    const goneToo = closed(other);
    other.publish('anything/else', '[]', { qos: 0 });
    await goneToo;
    expect((await f.t.deps.db.select().from(uplinks)).length).toBe(before);
  });

  it('grants a device its own downlink topic only, refusing others in the SUBACK', async () => {
    const device = await login(URN, PASSWORD);
    const granted = await new Promise<number[]>((resolve) =>
      device.subscribe(
        [downTopic(URN), downTopic(f.otherUrn), 'devices/#', '$SYS/#'],
        { qos: 1 },
        (error, g) =>
          // mqtt.js reports a 0x80 grant as an error carrying the whole SUBACK.
          resolve(
            (error as { packet?: { granted: number[] } } | null)?.packet?.granted ?? g!.map((x) => x.qos),
          ),
      ),
    );
    expect(granted).toEqual([1, 128, 128, 128]);
    expect(device.connected).toBe(true);
  });

  it('drops a malformed pack or one with another device’s base name and keeps the connection', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD);
    await device.publishAsync(upTopic(URN), '[{"bn":', { qos: 1 });
    await device.publishAsync(upTopic(URN), JSON.stringify([{ bn: f.otherUrn, n: 'x', v: 1 }]), { qos: 1 });
    await device.publishAsync(upTopic(URN), '{"n":"x","v":1}', { qos: 0 });
    expect(device.connected).toBe(true);
    await device.publishAsync(upTopic(URN), JSON.stringify([{ bn: URN, n: 'x', v: 2 }]), { qos: 1 });
    expect((await storedUplinks()).length).toBe(before + 1);
  });

  it('does not let a device take over the client id another device is connected with', async () => {
    const clientId = 'shared-firmware-id';
    const first = await login(URN, PASSWORD, { clientId });
    expect(await refusal(f.otherUrn, OTHER_PASSWORD, { clientId })).toBe(2);
    expect(first.connected).toBe(true);
  });

  it('sends a 3.1.1 PUBACK in one segment, at once (no Nagle delay behind the device’s delayed ACK)', async () => {
    const socket = connect(f.broker.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    await new Promise((resolve) => socket.once('connect', resolve));
    const v4 = { protocolVersion: 4 } as const;
    socket.write(
      mqttPacket.generate(
        {
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: 'nagle',
          clean: true,
          keepalive: 30,
          username: URN,
          password: Buffer.from(PASSWORD),
        },
        v4,
      ),
    );
    await vi.waitFor(() => expect(chunks).toHaveLength(1));
    expect([...chunks[0]!]).toEqual([0x20, 0x02, 0x00, 0x00]); // CONNACK, accepted, in one piece
    // One PUBACK at a time, as a device waiting for each: every one arrives whole, in a chunk of its own.
    // (Split in pieces, the rest of one would wait for the device's delayed ACK, ~40 ms, behind Nagle.)
    for (let id = 1; id <= 30; id++) {
      socket.write(
        mqttPacket.generate(
          {
            cmd: 'publish',
            topic: upTopic(URN),
            payload: '[{"n":"x","v":1}]',
            qos: 1,
            messageId: id,
            dup: false,
            retain: false,
          },
          v4,
        ),
      );
      await vi.waitFor(() => expect(chunks.length).toBeGreaterThan(id));
      expect([...chunks[id]!]).toEqual([0x40, 0x02, 0x00, id]);
    }
    socket.destroy();
  });

  it('still speaks MQTT 3.1 (MQIsdp) to old firmware', async () => {
    const device = await login(URN, PASSWORD, {
      protocolVersion: 3,
      protocolId: 'MQIsdp',
      clientId: 'mqtt31',
    });
    await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'x', v: 31 }]), { qos: 1 });
    expect(device.connected).toBe(true);
  });

  it('reports the connected devices in the metrics', async () => {
    const connected = f.clients.filter((c) => c.connected).length;
    expect(f.broker.connectedClients()).toBe(connected);
    expect(await f.registry.metrics()).toContain(`openthings_mqtt_connected_clients ${connected}`);
  });
});

describe('MQTT connector and the database', () => {
  /** A broker of its own whose ingest is wrapped, to see when the PUBACK goes out. */
  async function brokerWith(accept: (real: IngestService) => IngestService['accept'], recheckMs?: number) {
    const real = f.t.pipeline.ingest;
    const pipeline = { ...f.t.pipeline, ingest: { ...real, accept: accept(real) } };
    const own = await startMqttBroker(
      { ...f.t.deps, env: { ...f.t.deps.env, MQTT_PORT: 0, HOST: '127.0.0.1' } },
      { pipeline, tls: false, ...(recheckMs ? { recheckMs } : {}) },
    );
    return own;
  }
  const connectTo = async (port: number) => {
    const client = await connectAsync(`mqtt://127.0.0.1:${port}`, {
      username: URN,
      password: PASSWORD,
      reconnectPeriod: 0,
    });
    f.track(client);
    return client;
  };

  it('holds the PUBACK until the uplink is committed', async () => {
    const own = await brokerWith((real) => async (input) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return real.accept(input);
    });
    try {
      const device = await connectTo(own.port);
      const started = performance.now();
      await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'slow', v: 1 }]), { qos: 1 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(290);
      const rows = await storedUplinks();
      expect(rows.some((u) => new TextDecoder().decode(u.payload).includes('"slow"'))).toBe(true);
    } finally {
      await own.close();
    }
  });

  it('sends no PUBACK and closes the connection when the uplink cannot be stored', async () => {
    const own = await brokerWith(() => async () => {
      throw new Error('database unavailable');
    });
    try {
      const device = await connectTo(own.port);
      let acked = false;
      const gone = closed(device);
      device.publish(upTopic(URN), JSON.stringify([{ n: 'lost', v: 1 }]), { qos: 1 }, (error) => {
        if (!error) acked = true;
      });
      await gone;
      expect(acked).toBe(false);
    } finally {
      await own.close();
    }
  });

  it('disconnects a connected device once its MQTT binding is removed', async () => {
    const own = await brokerWith((real) => real.accept, 200);
    try {
      const device = await connectTo(own.port);
      const gone = closed(device);
      expect((await call('DELETE', `/api/mqtt/bindings/${f.bindingId}`)).status).toBe(204);
      await gone;
      expect(await refusal(URN, PASSWORD)).toBe(4);
    } finally {
      await own.close();
      const again = await call('POST', '/api/mqtt/bindings', { deviceId: f.deviceId, password: PASSWORD });
      f.bindingId = again.json.id;
    }
  });
});
