import { describe, expect, it } from 'vitest';
import {
  closed,
  type MqttTransportName,
  OTHER_PASSWORD,
  PASSWORD,
  URN,
  useMqttFixture,
} from '../testing/mqtt-fixture.ts';
import { downTopic, upTopic } from './mqtt.ts';
import { Reason } from './mqtt5.ts';

/**
 * MQTT.js, a client nobody here wrote, against the broker over every way in — plain TCP, TLS (trusting
 * the broker's self-signed certificate), WebSocket at /mqtt on the HTTP server and WebSocket over TLS at
 * /mqtt on the TLS port — in MQTT 3.1.1 and 5:
 * the same logins, acknowledgements, ACLs and downlinks whatever the transport.
 */
const f = useMqttFixture();
const { storedUplinks } = f;

const transports: MqttTransportName[] = ['tcp', 'tls', 'ws', 'wss'];
const versions = [
  { name: 'MQTT 3.1.1', protocolVersion: 4 as const, refused: 4, notAuthorized: 0x80 },
  {
    name: 'MQTT 5',
    protocolVersion: 5 as const,
    refused: Reason.badUserNameOrPassword,
    notAuthorized: Reason.notAuthorized,
  },
];

describe.each(transports.flatMap((transport) => versions.map((v) => ({ transport, ...v }))))(
  '$name over $transport',
  ({ transport, protocolVersion, refused, notAuthorized }) => {
    const connect = (username: string, password: string) =>
      f.connectOver(transport, username, password, { protocolVersion });

    it('refuses a wrong password with its version’s code', async () => {
      const code = await connect(URN, 'Wrong-Password-0123456789-xyz!').then(
        () => 'connected',
        (error: { code?: number }) => error.code,
      );
      expect(code).toBe(refused);
    });

    it('stores uplinks at QoS 0, 1 and 2, acknowledged as the QoS asks', async () => {
      const before = (await storedUplinks()).length;
      const device = await connect(URN, PASSWORD);
      for (const qos of [1, 2] as const)
        await device.publishAsync(upTopic(URN), JSON.stringify([{ n: `q${qos}`, v: qos }]), { qos });
      device.publish(upTopic(URN), JSON.stringify([{ n: 'q0', v: 0 }]), { qos: 0 });
      await device.endAsync(); // a clean DISCONNECT after the QoS 0 publish: it was read first
      await f.t.pipeline.idle();
      const stored = await storedUplinks();
      expect(stored).toHaveLength(before + 3);
      expect(
        stored
          .slice(-3)
          .map((u) => (u.metadata as { qos?: number }).qos)
          .sort(),
      ).toEqual([0, 1, 2]);
    });

    it('grants the device its downlink topic only, and delivers downlinks there', async () => {
      const device = await connect(URN, PASSWORD);
      const granted = await new Promise<number[]>((resolve) =>
        device.subscribe([downTopic(URN), downTopic(f.otherUrn)], { qos: 1 }, (error, g) =>
          // mqtt.js reports a refused filter as an error that carries the SUBACK.
          resolve(
            (error as { packet?: { granted: number[] } } | null)?.packet?.granted ?? g!.map((x) => x.qos),
          ),
        ),
      );
      expect(granted).toEqual([1, notAuthorized]);
      const received = new Promise<string>((resolve) =>
        device.once('message', (topic, payload) => resolve(`${topic} ${payload.toString()}`)),
      );
      await f.broker.publish(downTopic(URN), Buffer.from('{"reboot":true}'), 1);
      expect(await received).toBe(`${downTopic(URN)} {"reboot":true}`);
    });

    it('closes the connection of a device that publishes to another device’s topic', async () => {
      const device = await connect(f.otherUrn, OTHER_PASSWORD);
      const gone = closed(device);
      device.publish(upTopic(URN), JSON.stringify([{ n: 'x', v: 1 }]), { qos: 1 });
      await gone;
      expect(device.connected).toBe(false);
    });

    it('stores the will of a device whose connection breaks', async () => {
      const before = (await storedUplinks()).length;
      const device = await f.connectOver(transport, URN, PASSWORD, {
        protocolVersion,
        will: {
          topic: upTopic(URN),
          payload: Buffer.from('[{"n":"online","vb":false}]'),
          qos: 1,
          retain: false,
        },
      });
      device.stream.destroy();
      await closed(device);
      await expect.poll(async () => (await storedUplinks()).length, { timeout: 5_000 }).toBe(before + 1);
    });
  },
);
