import mqtt, { type MqttClient } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { closed, OTHER_PASSWORD, PASSWORD, URN, useMqttFixture } from '../testing/mqtt-fixture.ts';
import { rawMqtt5Client } from '../testing/mqtt-raw-client.ts';
import { downTopic, upTopic } from './mqtt.ts';
import { RECEIVE_MAXIMUM, Reason, TOPIC_ALIAS_MAXIMUM } from './mqtt5.ts';

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

  it('refuses other devices’ topics in the SUBACK with “not authorized”, wildcards and shares with why', async () => {
    const device = await login(URN, PASSWORD, v5);
    const granted = await new Promise<number[]>((resolve) =>
      device.subscribe(
        [downTopic(URN), downTopic(f.otherUrn), 'devices/#', `$share/g/${downTopic(URN)}`],
        { qos: 1 },
        (error, g) =>
          resolve(
            (error as { packet?: { granted: number[] } } | null)?.packet?.granted ?? g!.map((x) => x.qos),
          ),
      ),
    );
    expect(granted).toEqual([
      1,
      Reason.notAuthorized,
      Reason.wildcardSubscriptionsNotSupported,
      Reason.sharedSubscriptionsNotSupported,
    ]);
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

  it('takes topic aliases up to the maximum it announces, and refuses others', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD, { ...v5, autoAssignTopicAlias: true });
    for (let i = 0; i < 3; i++)
      await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'x', v: i }]), { qos: 1 });
    expect((await storedUplinks()).length).toBe(before + 3);

    const raw = await rawLogin('alias');
    expect(raw.connack.properties).toMatchObject({
      topicAliasMaximum: TOPIC_ALIAS_MAXIMUM,
      receiveMaximum: RECEIVE_MAXIMUM,
    });
    const publish = (topic: string, topicAlias: number) =>
      raw.send({
        cmd: 'publish',
        topic,
        payload: '[{"n":"y","v":1}]',
        qos: 1,
        messageId: topicAlias,
        dup: false,
        retain: false,
        properties: { topicAlias },
      });
    publish(upTopic(URN), 3);
    expect((await raw.next('puback')).reasonCode ?? 0).toBe(0);
    publish('', 3);
    expect((await raw.next('puback')).reasonCode ?? 0).toBe(0);
    publish('', 4); // never set up on this connection
    expect((await raw.next('disconnect')).reasonCode).toBe(Reason.protocolError);
    await raw.closed;

    const over = await rawLogin('alias');
    over.send({
      cmd: 'publish',
      topic: upTopic(URN),
      payload: '[]',
      qos: 0,
      dup: false,
      retain: false,
      properties: { topicAlias: TOPIC_ALIAS_MAXIMUM + 1 },
    });
    expect((await over.next('disconnect')).reasonCode).toBe(Reason.topicAliasInvalid);
    expect((await storedUplinks()).length).toBe(before + 5);
  });

  it('answers a valid publish that reuses the packet id of a refused QoS 2 one with success', async () => {
    const before = (await storedUplinks()).length;
    const raw = await rawLogin('reuse');
    raw.send({
      cmd: 'publish',
      topic: upTopic(URN),
      payload: '[{"bn":',
      qos: 2,
      messageId: 1,
      dup: false,
      retain: false,
    });
    expect((await raw.next('pubrec')).reasonCode).toBe(Reason.payloadFormatInvalid);
    raw.send({
      cmd: 'publish',
      topic: upTopic(URN),
      payload: '[{"n":"x","v":1}]',
      qos: 1,
      messageId: 1,
      dup: false,
      retain: false,
    });
    expect((await raw.next('puback')).reasonCode ?? 0).toBe(0);
    raw.send({
      cmd: 'publish',
      topic: upTopic(URN),
      payload: '[{"n":"x","v":2}]',
      qos: 2,
      messageId: 1,
      dup: false,
      retain: false,
    });
    expect((await raw.next('pubrec')).reasonCode ?? 0).toBe(0);
    raw.send({ cmd: 'pubrel', messageId: 1 });
    await raw.next('pubcomp');
    expect((await storedUplinks()).length).toBe(before + 2);
    raw.end();

    // MQTT.js reuses the lowest free id, as firmware does.
    const device = await login(URN, PASSWORD, v5);
    const refused = await device.publishAsync(upTopic(URN), 'not json', { qos: 2 }).then(
      () => 'acknowledged',
      (error: { code?: number }) => error.code,
    );
    expect(refused).toBe(Reason.payloadFormatInvalid);
    await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'x', v: 3 }]), { qos: 1 });
    expect((await storedUplinks()).length).toBe(before + 3);
  });

  it('disconnects a device that has more QoS 1 publishes in flight than its receive maximum', async () => {
    const raw = await rawLogin('flood');
    raw.sendAll(
      Array.from({ length: RECEIVE_MAXIMUM + 1 }, (_, i) => ({
        cmd: 'publish' as const,
        topic: upTopic(URN),
        payload: '[{"n":"x","v":1}]',
        qos: 1 as const,
        messageId: i + 1,
        dup: false,
        retain: false,
      })),
    );
    expect((await raw.next('disconnect')).reasonCode).toBe(Reason.receiveMaximumExceeded);
  });

  it('tells the connection a device replaces that its session was taken over', async () => {
    const first = await login(URN, PASSWORD, { ...v5, clientId: 'tracker-1' });
    const disconnect = new Promise<number | undefined>((resolve) =>
      first.once('disconnect', (packet) => resolve(packet.reasonCode)),
    );
    const second = await login(URN, PASSWORD, { ...v5, clientId: 'tracker-1' });
    expect(await disconnect).toBe(Reason.sessionTakenOver);
    expect(second.connected).toBe(true);
  });

  it('keeps the downlink limits a device announces: its receive maximum and maximum packet size', async () => {
    const raw = await rawLogin('small-device', { properties: { receiveMaximum: 1, maximumPacketSize: 200 } });
    raw.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: downTopic(URN), qos: 1 }] });
    await raw.next('suback');
    await f.broker.publish(downTopic(URN), Buffer.from('x'.repeat(500)), 1); // too large: dropped
    await f.broker.publish(downTopic(URN), Buffer.from('first'), 1);
    await f.broker.publish(downTopic(URN), Buffer.from('second'), 1);
    const first = await raw.next('publish');
    expect(first.payload.toString()).toBe('first');
    expect(await raw.arrives('publish', 300)).toBe(false);
    raw.send({ cmd: 'puback', messageId: first.messageId });
    const second = await raw.next('publish');
    expect(second.payload.toString()).toBe('second');
    raw.send({ cmd: 'puback', messageId: second.messageId });
    expect(await raw.arrives('publish', 300)).toBe(false);
    raw.end();
  });
});

describe('MQTT keepalive and retain', () => {
  it('keeps nothing retained: a retained uplink is stored, and a device subscribing later is sent nothing old', async () => {
    const before = (await storedUplinks()).length;
    const device = await login(URN, PASSWORD, v5);
    await device.publishAsync(upTopic(URN), JSON.stringify([{ n: 'x', v: 7 }]), { qos: 1, retain: true });
    expect((await storedUplinks()).length).toBe(before + 1);
    await f.broker.publish(downTopic(URN), Buffer.from('{"old":true}'), 1);
    const late = await rawLogin('late-subscriber');
    late.send({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: downTopic(URN), qos: 1 }] });
    await late.next('suback');
    expect(await late.arrives('publish', 300)).toBe(false);
    late.end();
  });

  it('closes a connection that stays silent past one and a half keepalive intervals', async () => {
    const raw = await rawLogin('silent', { keepalive: 1 });
    raw.send({ cmd: 'pingreq' });
    await raw.next('pingresp');
    await raw.closed; // no more PINGREQ: the broker ends it (MQTT-3.1.2-24)
  });
});

describe('MQTT 5 sessions and wills', () => {
  const session = (clientId: string, sessionExpiryInterval: number) => ({
    ...v5,
    clientId,
    clean: false,
    properties: { sessionExpiryInterval },
  });

  it('keeps a session for its expiry interval after the connection, and ends it then', async () => {
    const short = await login(URN, PASSWORD, session('short-session', 1));
    await short.subscribeAsync(downTopic(URN), { qos: 1 });
    await short.endAsync();
    const again = await login(URN, PASSWORD, session('short-session', 1));
    expect(sessionPresentOf(again)).toBe(true);
    await again.endAsync();
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const later = await login(URN, PASSWORD, session('short-session', 1));
    expect(sessionPresentOf(later)).toBe(false);
  });

  it('sends a delayed will after its delay, and not at all when the device is back in time', async () => {
    const before = (await storedUplinks()).length;
    const will = (v: number) => ({
      topic: upTopic(URN),
      payload: Buffer.from(JSON.stringify([{ n: 'offline', v }])),
      qos: 1 as const,
      retain: false,
      properties: { willDelayInterval: 1 },
    });
    const lost = await login(URN, PASSWORD, { ...session('will-device', 60), will: will(1) });
    lost.stream.destroy();
    await closed(lost);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await storedUplinks()).length).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await f.t.pipeline.idle();
    expect((await storedUplinks()).length).toBe(before + 1);

    const back = await login(URN, PASSWORD, { ...session('will-device-2', 60), will: will(2) });
    back.stream.destroy();
    await closed(back);
    await login(URN, PASSWORD, session('will-device-2', 60));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await storedUplinks()).length).toBe(before + 1);
  });
});

/** A raw MQTT 5 connection of the first device (clean start, keepalive 30 s unless `extra` says). */
function rawLogin(clientId: string, extra: Partial<Parameters<typeof rawMqtt5Client>[1]> = {}) {
  return rawMqtt5Client(f.broker.port, {
    clientId,
    username: URN,
    password: Buffer.from(PASSWORD),
    clean: true,
    keepalive: 30,
    ...extra,
  });
}

/** The Session Present flag of the CONNACK mqtt.js received. */
function sessionPresentOf(client: MqttClient): boolean | undefined {
  // mqtt.js keeps the CONNACK but does not declare it public.
  return (client as unknown as { connackPacket?: { sessionPresent?: boolean } }).connackPacket
    ?.sessionPresent;
}

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
