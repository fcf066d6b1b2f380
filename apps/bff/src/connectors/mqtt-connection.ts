import { Duplex } from 'node:stream';
import type { SessionClock } from './mqtt-session-clock.ts';
import { bridgeMqtt5 } from './mqtt5.ts';

/**
 * A connection to the broker up to its CONNECT, for every listener (TCP, TLS, WebSocket): the protocol
 * level decides whether aedes gets the bytes as they are (3.1.1, 3.1) or through the MQTT 5 bridge, and
 * a packet-size guard watches the stream either way.
 */

const CONNECT_TIMEOUT_MS = 30_000;

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

/** A connection the broker serves: a TCP or TLS socket, or a WebSocket's byte stream. */
export type MqttTransport = Duplex & { setNoDelay?: (noDelay?: boolean) => unknown };

/**
 * The connection handler of the broker's listeners (TCP, TLS, WebSocket): reads until the CONNECT says
 * which protocol level the client speaks, then hands 3.1.1 (and 3.1) connections to aedes as they are
 * and bridges MQTT 5.
 */
export function mqttConnectionHandler(
  handle: (conn: Duplex) => void,
  maxPacketBytes: number,
  clock?: SessionClock,
) {
  return (socket: MqttTransport, remoteAddress?: string) => {
    // An acknowledgement is a few bytes: send it now, not after the device's delayed ACK (~40 ms).
    socket.setNoDelay?.(true);
    const address = remoteAddress ?? (socket as { remoteAddress?: string }).remoteAddress;
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
      if (level === 5) bridgeMqtt5(socket, address, head, handle, fits, maxPacketBytes, clock);
      else guarded(socket, address, head, handle, fits);
    };
    socket.on('data', onData);
    socket.on('error', () => clearTimeout(timer));
    socket.on('close', () => clearTimeout(timer));
  };
}

/**
 * Passes what aedes writes to the socket. aedes (mqtt-packet) corks the stream and writes a packet in
 * pieces (header, length, body): `writev` gets them together and they leave in one write, one segment.
 * A write is done once the socket has it (or, when its buffer is full, once it drains), not once it is
 * flushed, so a refusing CONNACK is whole in the socket before aedes destroys the connection.
 */
function passTo(socket: MqttTransport) {
  const write = (chunk: Buffer, callback: (error?: Error | null) => void) => {
    if (socket.write(chunk)) callback();
    else socket.once('drain', () => callback());
  };
  return {
    write,
    writev: (chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void) =>
      write(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), callback),
  };
}

/** How long a closing connection may take to hand over its last packets (a refusing CONNACK). */
const LINGER_MS = 2_000;

/**
 * An MQTT 3.1.1 (or 3.1) connection as aedes sees it: the socket's bytes as they are, through the size
 * guard. A packet over the limit ends the connection (3.1.1 has no way to say why).
 */
function guarded(
  socket: MqttTransport,
  remoteAddress: string | undefined,
  head: Buffer,
  handle: (conn: Duplex) => void,
  fits: (chunk: Buffer) => boolean,
) {
  const out = passTo(socket);
  const inner = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk: Buffer, _encoding, callback) {
      out.write(chunk, callback);
    },
    writev(chunks, callback) {
      out.writev(chunks, callback);
    },
    final(callback) {
      socket.end();
      callback();
    },
    destroy(error, callback) {
      // What aedes wrote last (a refusing CONNACK) still goes out, then the connection ends.
      if (socket.destroyed || socket.writableEnded) socket.destroy();
      else {
        socket.end();
        setTimeout(() => socket.destroy(), LINGER_MS).unref();
      }
      callback(error);
    },
  });
  Object.defineProperty(inner, 'remoteAddress', { value: remoteAddress });
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
