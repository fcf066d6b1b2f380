import { randomUUID } from 'node:crypto';
import { Duplex } from 'node:stream';
import mqttPacket, { type IConnackPacket, type Packet } from 'mqtt-packet';
import type { MqttTransport } from './mqtt-connection.ts';
import type { SessionClock, WillMessage } from './mqtt-session-clock.ts';

/**
 * MQTT 5 for an MQTT 3.1.1 broker (PRODUCT §6: "real MQTT 3.1.1/5"). aedes speaks 3.1.1 only, so a
 * connection whose CONNECT asks for protocol level 5 is bridged: its MQTT 5 packets are read, given to
 * aedes as their 3.1.1 equivalents, and aedes' answers are written back as MQTT 5 — with MQTT 5's reason
 * codes where the broker tells why (a refused login, a refused subscription, a pack that is not SenML, a
 * refused publish). 3.1.1 connections go to aedes untouched.
 *
 * What the bridge announces in the CONNACK is what this broker does: topic aliases from the device (up
 * to TOPIC_ALIAS_MAXIMUM), at most RECEIVE_MAXIMUM unacknowledged QoS 1/2 publishes from it, its
 * maximum packet size; no wildcard, shared or identified subscriptions and no enhanced authentication.
 * It keeps the device's own limits too: its Receive Maximum (further QoS 1/2 downlinks wait for an
 * acknowledgement) and its Maximum Packet Size (a larger downlink is dropped, as MQTT 5 says). Session
 * Expiry and Will Delay are kept by `SessionClock` (mqtt-session-clock.ts), shared by the broker's
 * connections; reading a connection up to its CONNECT is mqtt-connection.ts.
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
  sessionTakenOver: 0x8e,
  topicNameInvalid: 0x90,
  receiveMaximumExceeded: 0x93,
  topicAliasInvalid: 0x94,
  packetTooLarge: 0x95,
  payloadFormatInvalid: 0x99,
  sharedSubscriptionsNotSupported: 0x9e,
  wildcardSubscriptionsNotSupported: 0xa2,
} as const;

/** Topic aliases a device may set up per connection. */
export const TOPIC_ALIAS_MAXIMUM = 16;
/** QoS 1/2 publishes a device may have unacknowledged at once. */
export const RECEIVE_MAXIMUM = 64;

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

/** What the broker may tell an MQTT 5 client about one of its packets before the 3.1.1 answer goes out. */
export interface Mqtt5Session {
  /** The reason code of a refusing CONNACK (instead of the 3.1.1 return code's equivalent). */
  connackReason(reasonCode: number): void;
  /** The reason code of the PUBACK for this packet id (instead of success). */
  pubackReason(messageId: number, reasonCode: number): void;
  /** The reason code of the DISCONNECT sent when the broker closes this connection. */
  disconnectReason(reasonCode: number): void;
  /** How this connection's delayed will is published (as its device) when its time comes. */
  onWill(publish: (will: WillMessage) => void): void;
}

const SESSION = Symbol('mqtt5');

/** The MQTT 5 side of an aedes client's connection, when the device speaks MQTT 5. */
export function mqtt5Session(conn: unknown): Mqtt5Session | undefined {
  return (conn as { [SESSION]?: Mqtt5Session } | null)?.[SESSION];
}

/** Why the broker refused a subscription, in MQTT 5's words. */
function subscriptionRefusal(topic: string): number {
  if (topic.startsWith('$share/')) return Reason.sharedSubscriptionsNotSupported;
  if (/[+#]/.test(topic)) return Reason.wildcardSubscriptionsNotSupported;
  return Reason.notAuthorized;
}

/** Serves one MQTT 5 connection through aedes (see the top of this file). */
export function bridgeMqtt5(
  socket: MqttTransport,
  remoteAddress: string | undefined,
  head: Buffer,
  handle: (conn: Duplex) => void,
  fits: (chunk: Buffer) => boolean,
  maxPacketBytes: number,
  clock: SessionClock | undefined,
) {
  const toClient = (packet: Packet) => {
    if (!socket.destroyed) socket.write(mqttPacket.generate(packet, { protocolVersion: 5 }));
  };
  /** Reason codes for the next acknowledgement of a packet id from the device (PUBACK or PUBREC). */
  const ackReasons = new Map<number, number>();
  const unsubscribeCounts = new Map<number, number>();
  const subscribeTopics = new Map<number, string[]>();
  /** Topic aliases the device set up on this connection. */
  const aliases = new Map<number, string>();
  /** The device's QoS 1/2 publishes not yet acknowledged (ours is RECEIVE_MAXIMUM). */
  const inboundInFlight = new Set<number>();
  /** Downlinks at QoS 1/2 not yet acknowledged by the device, and those waiting for room. */
  const outboundInFlight = new Set<number>();
  const outboundWaiting: Packet[] = [];
  /** QoS 2 downlinks dropped as too large for the device: their PUBREL is answered for it. */
  const dropped = new Set<number>();
  let deviceReceiveMaximum = 65_535;
  let deviceMaximumPacketSize = Number.POSITIVE_INFINITY;
  let disconnectReason: number | undefined;
  let refusalReason: number | undefined;
  let assignedClientId: string | undefined;
  let clientId = '';
  let accepted = false;
  let expirySeconds = 0;
  let delayedWill: { will: WillMessage; delaySeconds: number } | undefined;
  /** A DISCONNECT with reason 0: the will is not sent. */
  let normalDisconnect = false;
  let closing = false;

  /** Ends the connection, telling an MQTT 5 client why when there is a reason. */
  const close = (reasonCode?: number) => {
    if (closing) return;
    closing = true;
    if (reasonCode !== undefined) toClient({ cmd: 'disconnect', reasonCode });
    socket.end();
    inner.destroy();
  };

  /** The session's lifetime starts when the connection ends, whoever ended it. */
  let ended = false;
  const connectionEnded = () => {
    if (ended || !accepted || !clock) return;
    ended = true;
    const will = delayedWill && !normalDisconnect ? delayedWill : undefined;
    clock.left(
      clientId,
      expirySeconds,
      will && {
        delaySeconds: will.delaySeconds,
        publish: () => hooksPublishWill(will.will),
      },
    );
  };
  let hooksPublishWill: (will: WillMessage) => void = () => {};

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
      connectionEnded();
      callback(error);
    },
  });
  const session: Mqtt5Session = {
    connackReason: (reasonCode) => {
      refusalReason = reasonCode;
    },
    pubackReason: (messageId, reasonCode) => ackReasons.set(messageId, reasonCode),
    disconnectReason: (reasonCode) => {
      disconnectReason = reasonCode;
    },
    onWill: (publish) => {
      hooksPublishWill = publish;
    },
  };
  Object.defineProperty(inner, SESSION, { value: session });
  // aedes and the broker's login throttle read the client's address from the connection.
  Object.defineProperty(inner, 'remoteAddress', { value: remoteAddress });
  const toBroker = (packet: Packet) => {
    // Backpressure: a client that sends faster than the broker reads waits for it.
    if (!inner.destroyed && !inner.push(mqttPacket.generate(packet, { protocolVersion: 4 }))) socket.pause();
  };

  /** The device acknowledged (or refused) a publish of the device's own: room for one more. */
  const inboundDone = (messageId: number | undefined) => {
    if (messageId !== undefined) inboundInFlight.delete(messageId);
  };
  /** A downlink is finished with: send the next waiting one. */
  const outboundDone = (messageId: number | undefined) => {
    if (messageId === undefined || !outboundInFlight.delete(messageId)) return;
    const next = outboundWaiting.shift();
    if (next) sendDownlink(next);
  };
  const sendDownlink = (packet: Packet) => {
    if (packet.cmd !== 'publish') return toClient(packet);
    const bytes = mqttPacket.generate(packet, { protocolVersion: 5 });
    if (bytes.length > deviceMaximumPacketSize) {
      // Too large for the device: dropped, and acknowledged to the broker as if delivered (MQTT-3.1.2-25).
      if (packet.qos === 1) toBroker({ cmd: 'puback', messageId: packet.messageId });
      if (packet.qos === 2) {
        dropped.add(packet.messageId!);
        toBroker({ cmd: 'pubrec', messageId: packet.messageId });
      }
      return;
    }
    if (packet.qos > 0) {
      if (outboundInFlight.size >= deviceReceiveMaximum && !outboundInFlight.has(packet.messageId!)) {
        outboundWaiting.push(packet);
        return;
      }
      outboundInFlight.add(packet.messageId!);
    }
    if (!socket.destroyed) socket.write(bytes);
  };

  fromBroker.on('packet', (packet: Packet) => {
    switch (packet.cmd) {
      case 'connack': {
        const returnCode = packet.returnCode ?? 0;
        const reasonCode =
          returnCode === 0 ? 0 : (refusalReason ?? CONNACK_REASONS[returnCode] ?? Reason.unspecified);
        const answer: IConnackPacket = { cmd: 'connack', sessionPresent: packet.sessionPresent, reasonCode };
        if (reasonCode === 0) {
          accepted = true;
          clock?.resumed(clientId);
          answer.properties = {
            receiveMaximum: RECEIVE_MAXIMUM,
            topicAliasMaximum: TOPIC_ALIAS_MAXIMUM,
            wildcardSubscriptionAvailable: false,
            subscriptionIdentifiersAvailable: false,
            sharedSubscriptionAvailable: false,
            maximumPacketSize: maxPacketBytes,
            ...(assignedClientId ? { assignedClientIdentifier: assignedClientId } : {}),
          };
        }
        return toClient(answer);
      }
      case 'puback':
      case 'pubrec': {
        // The outcome of this packet id is final: its reason (if any) goes with it and is forgotten.
        const reasonCode = ackReasons.get(packet.messageId!);
        ackReasons.delete(packet.messageId!);
        if (packet.cmd === 'puback' || (reasonCode ?? 0) >= 0x80) inboundDone(packet.messageId);
        return toClient(reasonCode ? { ...packet, reasonCode } : packet);
      }
      case 'pubcomp':
        inboundDone(packet.messageId);
        return toClient(packet);
      case 'pubrel':
        if (dropped.delete(packet.messageId!))
          return toBroker({ cmd: 'pubcomp', messageId: packet.messageId });
        return toClient(packet);
      case 'publish':
        return sendDownlink(packet);
      case 'suback': {
        const topics = subscribeTopics.get(packet.messageId!) ?? [];
        subscribeTopics.delete(packet.messageId!);
        return toClient({
          ...packet,
          granted: packet.granted.map((g, i) =>
            g === SUBACK_REFUSED ? subscriptionRefusal(topics[i] ?? '') : g,
          ),
        });
      }
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
        clientId = assignedClientId ?? packet.clientId;
        expirySeconds = packet.properties?.sessionExpiryInterval ?? 0;
        deviceReceiveMaximum = packet.properties?.receiveMaximum ?? 65_535;
        deviceMaximumPacketSize = packet.properties?.maximumPacketSize ?? Number.POSITIVE_INFINITY;
        const willDelay = packet.will?.properties?.willDelayInterval ?? 0;
        // A will with a delay is kept here and published by the session clock; aedes sends the others.
        if (packet.will && willDelay > 0 && clock)
          delayedWill = {
            will: {
              topic: packet.will.topic,
              payload: Buffer.from(packet.will.payload),
              qos: packet.will.qos ?? 0,
            },
            delaySeconds: willDelay,
          };
        return toBroker({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId,
          // A session ended by its expiry was already taken away by the session clock (or never was, with
          // no clock): Clean Start 0 resumes whatever is left, and MQTT 5's expiry 0 ends it on close.
          clean: packet.clean || !clock,
          keepalive: packet.keepalive,
          ...(packet.username !== undefined ? { username: packet.username } : {}),
          ...(packet.password !== undefined ? { password: packet.password } : {}),
          ...(packet.will && !delayedWill
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
        let topic = packet.topic;
        const alias = packet.properties?.topicAlias;
        if (alias !== undefined) {
          if (alias < 1 || alias > TOPIC_ALIAS_MAXIMUM) return close(Reason.topicAliasInvalid);
          if (topic) aliases.set(alias, topic);
          else topic = aliases.get(alias) ?? '';
          // An alias never set up on this connection names no topic (MQTT-3.3.4-7 and §3.3.2.3.4).
          if (!topic) return close(Reason.protocolError);
        }
        if (packet.qos > 0) {
          // A packet id reused for a new publish starts with no reason of an earlier one.
          ackReasons.delete(packet.messageId!);
          inboundInFlight.add(packet.messageId!);
          if (inboundInFlight.size > RECEIVE_MAXIMUM) return close(Reason.receiveMaximumExceeded);
        }
        const { properties: _, ...plain } = packet;
        return toBroker({ ...plain, topic });
      }
      case 'puback':
      case 'pubcomp':
        outboundDone(packet.messageId);
        return toBroker({ cmd: packet.cmd, messageId: packet.messageId });
      case 'pubrec':
        if ((packet.reasonCode ?? 0) >= 0x80) outboundDone(packet.messageId);
        return toBroker({ cmd: packet.cmd, messageId: packet.messageId });
      case 'pubrel':
        return toBroker({ cmd: packet.cmd, messageId: packet.messageId });
      case 'subscribe':
        subscribeTopics.set(
          packet.messageId!,
          packet.subscriptions.map((s) => s.topic),
        );
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
      case 'disconnect': {
        const newExpiry = packet.properties?.sessionExpiryInterval;
        if (newExpiry !== undefined) {
          // A session that was to end with its connection cannot be given a lifetime now (MQTT-3.14.2-2).
          if (expirySeconds === 0 && newExpiry > 0) return close(Reason.protocolError);
          expirySeconds = newExpiry;
        }
        // Reason 0x04 asks for the will message: closing without a DISCONNECT makes aedes publish it.
        if (packet.reasonCode === 0x04) return close();
        normalDisconnect = true;
        return toBroker({ cmd: 'disconnect' });
      }
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
