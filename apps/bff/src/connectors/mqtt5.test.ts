import mqtt from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { closed, OTHER_PASSWORD, PASSWORD, URN, useMqttFixture } from './mqtt.fixture.ts';
import { downTopic, upTopic } from './mqtt.ts';
import { connectProtocolLevel, packetSizeGuard, Reason } from './mqtt5.ts';

/** MQTT 5 devices reach the 3.1.1 broker through the bridge, with MQTT 5's reason codes. */
const f = useMqttFixture();
const { login, refusal, storedUplinks } = f;

const v5 = { protocolVersion: 5 } as const;

describe('MQTT 5', () => {
  it('acknowledges a QoS 1 uplink once stored, whatever properties it carries', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD, v5);
    const pack = JSON.stringify([{ bn: URN, n: 'humidity', u: '%RH', v: 40 }]);
    await device.publishAsync(upTopic(URN), pack, {
      qos: 1,
      properties: {
        contentType: 'application/senml+json',
        payloadFormatIndicator: true,
        userProperties: { fw: '1.2' },
      },
    });
    const stored = await storedUplinks();
    expect(stored).toHaveLength(before + 1);
    expect(new TextDecoder().decode(stored.at(-1)!.payload)).toBe(pack);
  });

  it.each([
    ['a wrong password', URN, 'Wrong-Password-0123456789-xyz!'],
    ['an unknown device URN', 'urn:dev:IMEI:490154203237518:', PASSWORD],
  ])('refuses a login with %s as “bad user name or password”', async (_, username, password) => {
    expect(await refusal(username, password, v5)).toBe(0x86);
  });

  it('names a client that sent no client id, and says what the broker does not offer', async () => {
    const connack = await new Promise<{ properties?: Record<string, unknown> }>((resolve, reject) => {
      const device = mqtt.connect(`mqtt://127.0.0.1:${f.broker.port}`, {
        ...v5,
        username: URN,
        password: PASSWORD,
        clientId: '',
        reconnectPeriod: 0,
      });
      f.track(device);
      device.once('connect', resolve);
      device.once('error', reject);
    });
    expect(connack.properties?.assignedClientIdentifier).toMatch(/^ot_[0-9a-f-]{36}$/);
    expect(connack.properties).toMatchObject({
      wildcardSubscriptionAvailable: false,
      sharedSubscriptionAvailable: false,
      subscriptionIdentifiersAvailable: false,
    });
  });

  it('refuses other devices’ topics in the SUBACK with “not authorized”', async () => {
    const device = await login(URN, PASSWORD, v5);
    const granted = await new Promise<number[]>((resolve) =>
      device.subscribe([downTopic(URN), downTopic(f.otherUrn), 'devices/#'], { qos: 1 }, (error, g) =>
        resolve(
          (error as { packet?: { granted: number[] } } | null)?.packet?.granted ?? g!.map((x) => x.qos),
        ),
      ),
    );
    expect(granted).toEqual([1, 0x87, 0x87]);
    const gone = await device.unsubscribeAsync([downTopic(URN), downTopic(f.otherUrn)]);
    expect(gone).toBeDefined();
    expect(device.connected).toBe(true);
  });

  it('answers a pack that is not SenML with “payload format invalid” and keeps the connection', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD, v5);
    const refused = await device.publishAsync(upTopic(URN), '[{"bn":', { qos: 1 }).then(
      () => 'acknowledged',
      (error: { code?: number }) => error.code,
    );
    expect(refused).toBe(0x99);
    expect(device.connected).toBe(true);
    await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'x', v: 5 }]), { qos: 1 });
    expect((await storedUplinks()).length).toBe(before + 1);
  });

  it.each([
    ['wrongly typed SenML', '[{"n":"x","v":"hot"}]'],
    ['a time past the year 9999', '[{"n":"x","v":1,"t":9e12}]'],
    ['a NUL in a string value', '[{"n":"x","vs":"a\\u0000b"}]'],
    ['a lone surrogate in a unit', '[{"n":"x","u":"\\ud800","v":1}]'],
    [
      'a later record of another device',
      `[{"n":"x","v":1},{"bn":"urn:dev:IMEI:490154203237518:","n":"x","v":2}]`,
    ],
  ])('answers %s with “payload format invalid” and stores nothing', async (_, pack) => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD, v5);
    const refused = await device.publishAsync(upTopic(URN), pack, { qos: 1 }).then(
      () => 'acknowledged',
      (error: { code?: number }) => error.code,
    );
    expect(refused).toBe(0x99);
    expect(device.connected).toBe(true);
    expect((await storedUplinks()).length).toBe(before);
  });

  it('tells a device that publishes to another device’s topic why it is disconnected', async () => {
    const device = await login(URN, PASSWORD, v5);
    const disconnect = new Promise<number | undefined>((resolve) =>
      device.once('disconnect', (packet) => resolve(packet.reasonCode)),
    );
    device.publish(downTopic(f.otherUrn), JSON.stringify([{ n: 'x', v: 1 }]), { qos: 1 });
    expect(await disconnect).toBe(0x87);
  });

  it('refuses a topic alias it never offered as a protocol error', async () => {
    const device = await login(URN, PASSWORD, v5);
    const disconnect = new Promise<number | undefined>((resolve) =>
      device.once('disconnect', (packet) => resolve(packet.reasonCode)),
    );
    // mqtt.js checks aliases against the CONNACK, so the packet goes out as a raw write.
    device.stream.write(
      mqttPacket.generate(
        {
          cmd: 'publish',
          topic: upTopic(URN),
          payload: '[]',
          qos: 0,
          dup: false,
          retain: false,
          properties: { topicAlias: 1 },
        },
        { protocolVersion: 5 },
      ),
    );
    expect(await disconnect).toBe(0x82);
  });
});

describe('failed logins', () => {
  // Last in the file: it leaves the second device's user name throttled on this broker.
  it('refuses a user name after 10 failed logins from one address, whatever the password; others go on', async () => {
    for (let i = 0; i < 10; i++) expect(await refusal(f.otherUrn, 'Wrong-Password-0123456789-xyz!')).toBe(4);
    expect(await refusal(f.otherUrn, OTHER_PASSWORD, v5)).toBe(Reason.connectionRateExceeded);
    expect(await refusal(f.otherUrn, OTHER_PASSWORD)).toBe(5);
    expect(await refusal(URN, PASSWORD, v5)).toBe('connected');
  });
});

describe('packet size', () => {
  const big = (bytes: number) => JSON.stringify([{ n: 'blob', vs: 'x'.repeat(bytes) }]);

  it('takes a pack just under 64 KB and closes a 3.1.1 connection that sends a larger packet', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD);
    await device.publishAsync(upTopic(URN), big(60 * 1024), { qos: 1 });
    expect((await storedUplinks()).length).toBe(before + 1);
    const gone = closed(device);
    device.publish(upTopic(URN), big(200 * 1024), { qos: 1 });
    await gone;
    expect((await storedUplinks()).length).toBe(before + 1);
  });

  it('announces its maximum packet size to MQTT 5 clients and disconnects one that exceeds it', async () => {
    const device = await login(URN, PASSWORD, v5);
    const disconnect = new Promise<number | undefined>((resolve) =>
      device.once('disconnect', (packet) => resolve(packet.reasonCode)),
    );
    // mqtt.js itself keeps to the announced size, so the packet goes out as a raw write.
    device.stream.write(
      mqttPacket.generate(
        { cmd: 'publish', topic: upTopic(URN), payload: big(200 * 1024), qos: 0, dup: false, retain: false },
        { protocolVersion: 5 },
      ),
    );
    expect(await disconnect).toBe(Reason.packetTooLarge);
  });
});

describe('packetSizeGuard', () => {
  it('follows packets across chunks without keeping them and stops at the first one over the limit', () => {
    const small = mqttPacket.generate({ cmd: 'pingreq' });
    const mid = mqttPacket.generate({
      cmd: 'publish',
      topic: 't',
      payload: Buffer.alloc(300),
      qos: 0,
      dup: false,
      retain: false,
    });
    const stream = Buffer.concat([small, mid, small, mid]);
    const fits = packetSizeGuard(400);
    for (let i = 0; i < stream.length; i += 7) expect(fits(stream.subarray(i, i + 7))).toBe(true);
    // A header announcing 1 MB is refused from its length bytes alone.
    const huge = Buffer.from([0x30, 0x80, 0x80, 0x40]);
    expect(fits(huge.subarray(0, 2))).toBe(true);
    expect(fits(huge.subarray(2))).toBe(false);
    expect(packetSizeGuard(400)(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBe(false);
  });
});

describe('connectProtocolLevel', () => {
  it('reads the level of a CONNECT however it is cut, and sees what is not one', () => {
    const connect = mqttPacket.generate(
      { cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, clientId: 'c', clean: true, keepalive: 30 },
      { protocolVersion: 5 },
    );
    const v31 = mqttPacket.generate({
      cmd: 'connect',
      protocolId: 'MQIsdp',
      protocolVersion: 3,
      clientId: 'c',
      clean: true,
      keepalive: 30,
    });
    for (let i = 0; i < 9; i++) expect(connectProtocolLevel(connect.subarray(0, i))).toBeNull();
    expect(connectProtocolLevel(connect.subarray(0, 9))).toBe(5);
    expect(connectProtocolLevel(v31)).toBe(3);
    expect(connectProtocolLevel(Buffer.from('GET / HTTP/1.1'))).toBe(-1);
  });
});
