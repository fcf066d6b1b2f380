/**
 * Calls into a process started with `--inspect=127.0.0.1:<port>` through the V8 inspector protocol:
 * a full garbage collection and the JS heap's size, so a benchmark can read a process's memory once it
 * has settled. Node 20 has no WebSocket client, and the inspector needs only a small part of one: a
 * handshake, masked text frames out, unmasked frames in.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** Node's inspector arguments: listening on 127.0.0.1:`port`, its address not printed to stderr. */
export function inspectArgs(port: number): string[] {
  return [`--inspect=127.0.0.1:${port}`, '--inspect-publish-uid=http'];
}

/** One inspector session to the process listening on `port`; `close()` ends it. */
export async function inspectorSession(port: number) {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  if (!target) throw new Error(`no inspector target on port ${port}`);
  const url = new URL(target.webSocketDebuggerUrl);
  const socket: Socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => resolve());
  });
  socket.write(
    `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );

  let buffered = Buffer.alloc(0);
  let upgraded = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let onUpgrade: () => void = () => {};
  const upgradedPromise = new Promise<void>((resolve) => {
    onUpgrade = resolve;
  });

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    if (!upgraded) {
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!buffered.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) {
        socket.destroy(new Error('the inspector refused the WebSocket upgrade'));
        return;
      }
      buffered = buffered.subarray(end + 4);
      upgraded = true;
      onUpgrade();
    }
    // Frames from the server are unmasked; only text frames (0x1) carry answers.
    for (;;) {
      if (buffered.length < 2) return;
      let length = buffered[1]! & 0x7f;
      let at = 2;
      if (length === 126) {
        if (buffered.length < 4) return;
        length = buffered.readUInt16BE(2);
        at = 4;
      } else if (length === 127) {
        if (buffered.length < 10) return;
        length = Number(buffered.readBigUInt64BE(2));
        at = 10;
      }
      if (buffered.length < at + length) return;
      const opcode = buffered[0]! & 0x0f;
      const payload = buffered.subarray(at, at + length);
      buffered = buffered.subarray(at + length);
      if (opcode !== 1) continue;
      const message = JSON.parse(payload.toString('utf8')) as {
        id?: number;
        result?: unknown;
        error?: { message: string };
      };
      const call = message.id === undefined ? undefined : waiting.get(message.id);
      if (!call) continue;
      waiting.delete(message.id!);
      if (message.error) call.reject(new Error(message.error.message));
      else call.resolve(message.result);
    }
  });
  socket.on('close', () => {
    for (const call of waiting.values()) call.reject(new Error('the inspector closed the connection'));
    waiting.clear();
  });
  await upgradedPromise;

  function send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = nextId++;
    const payload = Buffer.from(JSON.stringify({ id, method, params }), 'utf8');
    const mask = randomBytes(4);
    const header =
      payload.length < 126
        ? Buffer.from([0x81, 0x80 | payload.length])
        : payload.length < 65536
          ? Buffer.from([0x81, 0x80 | 126, payload.length >> 8, payload.length & 0xff])
          : (() => {
              const h = Buffer.alloc(10);
              h[0] = 0x81;
              h[1] = 0x80 | 127;
              h.writeBigUInt64BE(BigInt(payload.length), 2);
              return h;
            })();
    for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
    socket.write(Buffer.concat([header, mask, payload]));
    return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
  }

  return {
    /** A full, blocking garbage collection in the process. */
    async collectGarbage(): Promise<void> {
      await send('HeapProfiler.collectGarbage');
    },
    /** The JS heap in use and allocated, in bytes. */
    async heapUsage(): Promise<{ usedSize: number; totalSize: number }> {
      return (await send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    },
    close() {
      socket.destroy();
    },
  };
}
