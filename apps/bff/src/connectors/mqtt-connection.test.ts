import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { connectProtocolLevel, packetSizeGuard } from './mqtt-connection.ts';

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
