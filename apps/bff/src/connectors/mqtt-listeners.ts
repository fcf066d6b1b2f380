import { createServer as createHttpServer, type Server as HttpServer, type IncomingMessage } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Env } from '../env.ts';
import type { MqttTransport } from './mqtt-connection.ts';
import { type MqttTlsMaterial, tlsContextOptions, watchMqttTls } from './mqtt-tls.ts';

/** Where MQTT over WebSocket is served on the HTTP server. */
export const MQTT_WS_PATH = '/mqtt';
/** Connections the kernel may hold for the broker before it accepts them. */
export const LISTEN_BACKLOG = 4096;
/** WebSocket subprotocols MQTT clients ask for (MQTT 3.1.1 and 5; MQTT 3.1). */
const SUBPROTOCOLS = ['mqtt', 'mqttv3.1'];

export interface MqttListeners {
  /** Plain TCP (MQTT_PORT), unless MQTT_PLAINTEXT is off. */
  tcp?: { port: number; url: string };
  /** TLS (MQTTS_PORT) with the certificate it serves now. */
  tls?: { port: number; url: string; material: () => MqttTlsMaterial };
  /** WebSocket at MQTT_WS_PATH on the HTTP server (ws://, or wss:// behind a TLS proxy); the TLS port
   *  serves wss:// at the same path. */
  ws?: { path: string };
  close(): Promise<void>;
}

type Handler = (conn: MqttTransport, remoteAddress?: string) => void;

async function listenOn(
  server: Server,
  port: number,
  env: Env,
  what: string,
  variable: string,
): Promise<number> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // A fleet reconnecting at once overflows Node's default accept queue (511): devices then wait for
      // SYN retries. The kernel caps this at net.core.somaxconn.
      server.listen({ port, host: env.HOST, backlog: LISTEN_BACKLOG }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw new Error(
      `The MQTT broker could not listen for ${what} on ${env.HOST}:${port} (${(error as Error).message}); ` +
        `set ${variable} to a free port`,
      { cause: error },
    );
  }
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/** MQTT over WebSocket: upgrades of MQTT_WS_PATH become MQTT connections; other paths get 404. */
function webSocketUpgrade(handle: Handler) {
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => SUBPROTOCOLS.find((p) => offered.has(p)) ?? false,
  });
  return {
    handle(req: IncomingMessage, socket: Duplex, head: Buffer) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== MQTT_WS_PATH) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        const stream = createWebSocketStream(ws);
        stream.on('error', () => stream.destroy());
        handle(stream, req.socket.remoteAddress);
      });
    },
    close: () => wss.close(),
  };
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/**
 * Opens the broker's ways in, all onto one connection handler: plain TCP, TLS (certificate reloaded when
 * its files change, without dropping connections; WebSocket over TLS on the same port) and WebSocket on
 * the HTTP server. Closing stops
 * listening; the broker ends the connections.
 */
export async function openMqttListeners(
  env: Env,
  log: Logger,
  handle: Handler,
  options: { tls?: MqttTlsMaterial; http?: HttpServer },
): Promise<MqttListeners> {
  const host = env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
  const closers: (() => Promise<void> | void)[] = [];
  const listeners: MqttListeners = {
    close: async () => {
      for (const close of closers.splice(0).reverse()) await close();
    },
  };
  try {
    if (env.MQTT_PLAINTEXT) {
      const tcp = createServer((socket) => handle(socket));
      const port = await listenOn(tcp, env.MQTT_PORT, env, 'MQTT', 'MQTT_PORT');
      closers.push(() => closeServer(tcp));
      listeners.tcp = { port, url: `mqtt://${host}:${port}` };
    }
    if (options.tls) {
      let material = options.tls;
      // The TLS port also answers WebSocket upgrades at /mqtt (wss://host:MQTTS_PORT/mqtt): a connection
      // whose first bytes are an HTTP GET goes to a small HTTP server of its own, anything else is MQTT.
      const secureWs = webSocketUpgrade(handle);
      const secureHttp = createHttpServer((_req, res) => {
        res.writeHead(426, { 'content-type': 'text/plain', upgrade: 'websocket' });
        res.end(`MQTT over WebSocket: wss://<host>:${env.MQTTS_PORT}${MQTT_WS_PATH}\n`);
      });
      secureHttp.on('upgrade', secureWs.handle);
      closers.push(() => secureWs.close());
      const tls = createTlsServer(tlsContextOptions(material), (socket) => {
        socket.once('data', (first: Buffer) => {
          socket.pause();
          socket.unshift(first);
          if (first.subarray(0, 4).toString('latin1') === 'GET ') secureHttp.emit('connection', socket);
          else handle(socket);
          socket.resume();
        });
      });
      tls.on('tlsClientError', (error) => log.debug({ err: error.message }, 'MQTT TLS handshake failed'));
      const port = await listenOn(tls, env.MQTTS_PORT, env, 'MQTT over TLS', 'MQTTS_PORT');
      closers.push(() => closeServer(tls));
      if (material.source === 'configured') {
        const stop = watchMqttTls(
          material,
          (next) => {
            // New connections get the new certificate; open ones keep theirs.
            tls.setSecureContext(tlsContextOptions(next));
            material = next;
            log.info({ fingerprint: next.fingerprint }, 'MQTT TLS certificate reloaded');
          },
          (error) =>
            log.error({ err: error.message }, 'MQTT TLS certificate not reloaded; the old one stays'),
        );
        closers.push(stop);
      }
      listeners.tls = { port, url: `mqtts://${host}:${port}`, material: () => material };
    }
    if (options.http) {
      const upgrade = webSocketUpgrade(handle);
      options.http.on('upgrade', upgrade.handle);
      closers.push(() => {
        options.http?.off('upgrade', upgrade.handle);
        upgrade.close();
      });
      listeners.ws = { path: MQTT_WS_PATH };
    }
  } catch (error) {
    await listeners.close();
    throw error;
  }
  return listeners;
}
