import { connect } from 'node:net';
import mqttPacket, { type IConnectPacket, type Packet } from 'mqtt-packet';

/**
 * An MQTT 5 client with no behaviour of its own, for what real clients do for you (acknowledging at
 * once, keeping to limits): a test sends packets and reads the broker's answers one by one.
 */
export interface RawMqttClient {
  send(packet: Packet): void;
  /** Sends packets in one write (they arrive together, as from a device that sends in bursts). */
  sendAll(packets: Packet[]): void;
  /** The next packet from the broker of this kind (those before it of other kinds are skipped). */
  next<C extends Packet['cmd']>(cmd: C, timeoutMs?: number): Promise<Extract<Packet, { cmd: C }>>;
  /** Whether a packet of this kind arrives within `ms`. */
  arrives(cmd: Packet['cmd'], ms: number): Promise<boolean>;
  closed: Promise<void>;
  end(): void;
}

export async function rawMqtt5Client(
  port: number,
  connectPacket: Omit<IConnectPacket, 'cmd' | 'protocolId' | 'protocolVersion'>,
): Promise<RawMqttClient & { connack: Extract<Packet, { cmd: 'connack' }> }> {
  const socket = connect(port, '127.0.0.1');
  const parser = mqttPacket.parser({ protocolVersion: 5 });
  const received: Packet[] = [];
  const waiters: (() => void)[] = [];
  parser.on('packet', (packet: Packet) => {
    received.push(packet);
    for (const wake of waiters.splice(0)) wake();
  });
  socket.on('data', (chunk) => parser.parse(chunk));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));

  const take = (cmd: Packet['cmd']) => {
    const at = received.findIndex((p) => p.cmd === cmd);
    return at < 0 ? undefined : received.splice(at, 1)[0];
  };
  const next = async <C extends Packet['cmd']>(cmd: C, timeoutMs = 5_000) => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const packet = take(cmd);
      if (packet) return packet as Extract<Packet, { cmd: C }>;
      const left = until - Date.now();
      if (left <= 0) throw new Error(`no ${cmd} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  const client: RawMqttClient = {
    send: (packet) => socket.write(mqttPacket.generate(packet, { protocolVersion: 5 })),
    sendAll: (packets) =>
      socket.write(Buffer.concat(packets.map((p) => mqttPacket.generate(p, { protocolVersion: 5 })))),
    next,
    arrives: (cmd, ms) =>
      next(cmd, ms).then(
        () => true,
        () => false,
      ),
    closed,
    end: () => socket.destroy(),
  };
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  client.send({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 5, ...connectPacket });
  return { ...client, connack: await next('connack') };
}
