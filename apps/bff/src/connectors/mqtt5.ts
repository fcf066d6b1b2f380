import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { Duplex } from 'node:stream';
import mqttPacket, { type IConnackPacket, type Packet } from 'mqtt-packet';

/**
 * MQTT 5 for an MQTT 3.1.1 broker (PRODUCT §6: "real MQTT 3.1.1/5"). aedes speaks 3.1.1 only, so a
 * connection whose CONNECT asks for protocol level 5 is bridged: its MQTT 5 packets are read, given to
 * aedes as their 3.1.1 equivalents, and aedes' answers are written back as MQTT 5 — with MQTT 5's reason
 * codes where the broker tells why (a refused login, a refused subscription, a pack that is not SenML, a
 * refused publish). 3.1.1 connections go to aedes untouched.
 *
 * What the bridge announces in the CONNACK is what this broker does: no topic aliases, no wildcard,
 * shared or identified subscriptions, and no enhanced authentication. A session whose expiry interval is
 * 0 (MQTT 5's default) ends with its connection.
 */

/** MQTT 5 reason codes the broker uses (MQTT 5 §2.4). */
export const Reason = {
  unspecified: 0x80,
  protocolError: 0x82,
  unsupportedProtocolVersion: 0x84,
  clientIdNotValid: 0x85,
  badUserNameOrPassword: 0x86,
  notAuthorized: 0x87,
  serverUnavailable: 0x88,
  serverBusy: 0x89,
  connectionRateExceeded: 0x9f,
  badAuthenticationMethod: 0x8c,
  topicNameInvalid: 0x90,
  packetTooLarge: 0x95,
  payloadFormatInvalid: 0x99,
} as const;

/** 3.1.1 CONNACK return codes (index) as MQTT 5 reason codes. */
const CONNACK_REASONS = [
  0,
  Reason.unsupportedProtocolVersion,
  Reason.clientIdNotValid,
  Reason.serverUnavailable,
  Reason.badUserNameOrPassword,
  Reason.notAuthorized,
];

/** 3.1.1 SUBACK refusal (0x80) means the broker refused the filter: "not authorized" in MQTT 5. */
const SUBACK_REFUSED = 0x80;

const CONNECT_TIMEOUT_MS = 30_000;

/** What the broker may tell an MQTT 5 client about one of its packets before the 3.1.1 answer goes out. */
export interface Mqtt5Session {
  /** The reason code of a refusing CONNACK (instead of the 3.1.1 return code's equivalent). */
  connackReason(reasonCode: number): void;
  /** The reason code of the PUBACK for this packet id (instead of success). */
  pubackReason(messageId: number, reasonCode: number): void;
  /** The reason code of the DISCONNECT sent when the broker closes this connection. */
  disconnectReason(reasonCode: number): void;
}

const SESSION = Symbol('mqtt5');

/** The MQTT 5 side of an aedes client's connection, when the device speaks MQTT 5. */
export function mqtt5Session(conn: unknown): Mqtt5Session | undefined {
  return (conn as { [SESSION]?: Mqtt5Session } | null)?.[SESSION];
}

/**
 * The protocol level a CONNECT asks for: a number once enough bytes have arrived, null while more are
 * needed, or -1 when the bytes are not a CONNECT (aedes then refuses them itself).
 */
export function connectProtocolLevel(buf: Buffer): number | null {
  if (buf.length === 0) return null;
  if (buf[0]! >> 4 !== 1) return -1;
  let at = 1;
  for (;;) {
    if (at >= buf.length) return null;
    if ((buf[at++]! & 0x80) === 0) break;
    if (at > 4) return -1;
  }
  if (buf.length < at + 2) return null;
  const nameLength = buf.readUInt16BE(at);
  if (nameLength > 6) return -1;
  const levelAt = at + 2 + nameLength;
  if (buf.length <= levelAt) return null;
  return buf[levelAt]! & 0x7f;
}

/**
 * Watches the packet boundaries of a client's byte stream without keeping any of it: returns a check
 * that is false as soon as a packet's fixed header announces more than `limit` bytes, so a huge packet
 * is refused before a parser would buffer it whole (the protocol allows 256 MB).
 */
export function packetSizeGuard(limit: number): (chunk: Uint8Array) => boolean {
  let skip = 0; // bytes of the current packet's body still to pass
  let inHeader = false; // inside a fixed header's remaining-length bytes
  let length = 0;
  let shift = 0;
  return (chunk) => {
    let at = 0;
    while (at < chunk.length) {
      if (skip > 0) {
        const n = Math.min(skip, chunk.length - at);
        skip -= n;
        at += n;
        continue;
      }
      if (!inHeader) {
        at++; // the packet type byte
        inHeader = true;
        length = 0;
        shift = 0;
        continue;
      }
      const byte = chunk[at++]!;
      length += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte & 0x80) {
        if (shift >= 28) return false; // more than 4 length bytes: not MQTT
        continue;
      }
      inHeader = false;
      if (length > limit) return false;
      skip = length;
    }
    return true;
  };
}

/**
 * The connection handler of the broker's TCP server: reads until the CONNECT says which protocol level
 * the client speaks, then hands 3.1.1 (and 3.1) connections to aedes as they are and bridges MQTT 5.
 */
export function mqttConnectionHandler(handle: (conn: Duplex) => void, maxPacketBytes: number) {
  return (socket: Socket) => {
    let head = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), CONNECT_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const level = connectProtocolLevel(head);
      if (level === null) return;
      clearTimeout(timer);
      socket.off('data', onData);
      socket.pause();
      const fits = packetSizeGuard(maxPacketBytes);
      if (level === 5) bridgeMqtt5(socket, head, handle, fits, maxPacketBytes);
      else guarded(socket, head, handle, fits);
    };
    socket.on('data', onData);
    socket.on('error', () => clearTimeout(timer));
    socket.on('close', () => clearTimeout(timer));
  };
}

/**
 * An MQTT 3.1.1 (or 3.1) connection as aedes sees it: the socket's bytes as they are, through the size
 * guard. A packet over the limit ends the connection (3.1.1 has no way to say why).
 */
function guarded(
  socket: Socket,
  head: Buffer,
  handle: (conn: Duplex) => void,
  fits: (chunk: Buffer) => boolean,
) {
  const inner = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      socket.write(chunk, (error) => callback(error ?? null));
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      socket.destroy();
      callback(error);
    },
  });
  Object.defineProperty(inner, 'remoteAddress', { value: socket.remoteAddress });
  const receive = (chunk: Buffer) => {
    if (!fits(chunk)) return socket.destroy();
    if (!inner.push(chunk)) socket.pause();
  };
  socket.on('data', receive);
  socket.on('end', () => inner.push(null));
  socket.on('close', () => inner.destroy());
  socket.on('error', () => inner.destroy());
  handle(inner);
  receive(head);
  socket.resume();
}

function bridgeMqtt5(
  socket: Socket,
  head: Buffer,
  handle: (conn: Duplex) => void,
  fits: (chunk: Buffer) => boolean,
  maxPacketBytes: number,
) {
  const toClient = (packet: Packet) => {
    if (!socket.destroyed) socket.write(mqttPacket.generate(packet, { protocolVersion: 5 }));
  };
  const pubackReasons = new Map<number, number>();
  const unsubscribeCounts = new Map<number, number>();
  let disconnectReason: number | undefined;
  let refusalReason: number | undefined;
  let assignedClientId: string | undefined;
  let closing = false;

  /** Ends the connection, telling an MQTT 5 client why when there is a reason. */
  const close = (reasonCode?: number) => {
    if (closing) return;
    closing = true;
    if (reasonCode !== undefined) toClient({ cmd: 'disconnect', reasonCode });
    socket.end();
    inner.destroy();
  };

  // aedes writes 3.1.1 packets in pieces; the parser puts them back together.
  const fromBroker = mqttPacket.parser({ protocolVersion: 4 });
  const inner = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      fromBroker.parse(chunk);
      callback();
    },
    final(callback) {
      close(disconnectReason);
      callback();
    },
    destroy(error, callback) {
      if (!closing) close(disconnectReason);
      callback(error);
    },
  });
  const session: Mqtt5Session = {
    connackReason: (reasonCode) => {
      refusalReason = reasonCode;
    },
    pubackReason: (messageId, reasonCode) => pubackReasons.set(messageId, reasonCode),
    disconnectReason: (reasonCode) => {
      disconnectReason = reasonCode;
    },
  };
  Object.defineProperty(inner, SESSION, { value: session });
  // aedes and the broker's login throttle read the client's address from the connection.
  Object.defineProperty(inner, 'remoteAddress', { value: socket.remoteAddress });
  const toBroker = (packet: Packet) => {
    // Backpressure: a client that sends faster than the broker reads waits for it.
    if (!inner.destroyed && !inner.push(mqttPacket.generate(packet, { protocolVersion: 4 }))) socket.pause();
  };

  fromBroker.on('packet', (packet: Packet) => {
    switch (packet.cmd) {
      case 'connack': {
        const returnCode = packet.returnCode ?? 0;
        const reasonCode =
          returnCode === 0 ? 0 : (refusalReason ?? CONNACK_REASONS[returnCode] ?? Reason.unspecified);
        const answer: IConnackPacket = { cmd: 'connack', sessionPresent: packet.sessionPresent, reasonCode };
        if (reasonCode === 0)
          answer.properties = {
            wildcardSubscriptionAvailable: false,
            subscriptionIdentifiersAvailable: false,
            sharedSubscriptionAvailable: false,
            maximumPacketSize: maxPacketBytes,
            ...(assignedClientId ? { assignedClientIdentifier: assignedClientId } : {}),
          };
        return toClient(answer);
      }
      case 'puback': {
        const reasonCode = pubackReasons.get(packet.messageId!);
        pubackReasons.delete(packet.messageId!);
        return toClient(reasonCode ? { ...packet, reasonCode } : packet);
      }
      case 'suback':
        return toClient({
          ...packet,
          granted: packet.granted.map((g) => (g === SUBACK_REFUSED ? Reason.notAuthorized : g)),
        });
      case 'unsuback': {
        const count = unsubscribeCounts.get(packet.messageId!) ?? 1;
        unsubscribeCounts.delete(packet.messageId!);
        return toClient({ ...packet, granted: new Array(count).fill(0) });
      }
      default:
        return toClient(packet);
    }
  });
  fromBroker.on('error', () => close(Reason.unspecified));

  const fromClient = mqttPacket.parser({ protocolVersion: 5 });
  fromClient.on('packet', (packet: Packet) => {
    switch (packet.cmd) {
      case 'connect': {
        if (packet.properties?.authenticationMethod) {
          toClient({ cmd: 'connack', sessionPresent: false, reasonCode: Reason.badAuthenticationMethod });
          return close();
        }
        // MQTT 5 lets the server name a client that sent none; 3.1.1 would refuse one that keeps its session.
        if (!packet.clientId) assignedClientId = `ot_${randomUUID()}`;
        const keepsSession = !packet.clean && (packet.properties?.sessionExpiryInterval ?? 0) > 0;
        return toBroker({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: assignedClientId ?? packet.clientId,
          clean: !keepsSession,
          keepalive: packet.keepalive,
          ...(packet.username !== undefined ? { username: packet.username } : {}),
          ...(packet.password !== undefined ? { password: packet.password } : {}),
          ...(packet.will
            ? {
                will: {
                  topic: packet.will.topic,
                  payload: packet.will.payload,
                  qos: packet.will.qos,
                  retain: packet.will.retain,
                },
              }
            : {}),
        });
      }
      case 'publish': {
        // No topic alias maximum was announced, so a client may not use one (MQTT-3.3.2-8).
        if (packet.properties?.topicAlias !== undefined) return close(Reason.protocolError);
        const { properties: _, ...plain } = packet;
        return toBroker(plain);
      }
      case 'puback':
      case 'pubrec':
      case 'pubrel':
      case 'pubcomp':
        return toBroker({ cmd: packet.cmd, messageId: packet.messageId });
      case 'subscribe':
        return toBroker({
          cmd: 'subscribe',
          messageId: packet.messageId,
          subscriptions: packet.subscriptions.map(({ topic, qos }) => ({ topic, qos })),
        });
      case 'unsubscribe':
        unsubscribeCounts.set(packet.messageId!, packet.unsubscriptions.length);
        return toBroker({
          cmd: 'unsubscribe',
          messageId: packet.messageId,
          unsubscriptions: packet.unsubscriptions,
        });
      case 'pingreq':
        return toBroker(packet);
      case 'disconnect':
        // Reason 0x04 asks for the will message: closing without a DISCONNECT makes aedes publish it.
        if (packet.reasonCode === 0x04) return close();
        return toBroker({ cmd: 'disconnect' });
      default:
        // AUTH (no enhanced authentication) or a packet a client never sends.
        return close(Reason.protocolError);
    }
  });
  fromClient.on('error', () => close(Reason.protocolError));

  const receive = (chunk: Buffer) => {
    if (!fits(chunk)) return close(Reason.packetTooLarge);
    fromClient.parse(chunk);
  };
  socket.on('data', receive);
  socket.on('end', () => inner.push(null));
  socket.on('close', () => {
    closing = true;
    inner.destroy();
  });
  socket.on('error', () => inner.destroy());
  handle(inner);
  receive(head);
  socket.resume();
}
