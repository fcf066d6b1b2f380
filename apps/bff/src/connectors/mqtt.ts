import type { Server as HttpServer } from 'node:http';
import { DomainError, type MqttBrokerInfo } from '@openthings/domain';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { Gauge, type Registry } from 'prom-client';
import { LoginGuard, LoginRefusedError } from '../features/auth/login-guard.ts';
import { createMqttAuthService, type MqttLogin } from '../features/devices/mqtt-auth.service.ts';
import type { Deps } from '../http/types.ts';
import { createPipeline, type Pipeline } from '../pipeline/pipeline.ts';
import { SENML_BODY_LIMIT } from './http-senml.ts';
import { mqttConnectionHandler } from './mqtt-connection.ts';
import { type MqttListeners, openMqttListeners } from './mqtt-listeners.ts';
import { SessionClock, type WillMessage } from './mqtt-session-clock.ts';
import { loadMqttTls, type MqttTlsMaterial } from './mqtt-tls.ts';
import { mqtt5Session, Reason } from './mqtt5.ts';

// aedes declares these as a `const enum`, which isolated modules cannot read.
const IDENTIFIER_REJECTED = 2;
const SERVER_UNAVAILABLE = 3;
const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;
const GAUGE = 'openthings_mqtt_connected_clients';
/** The largest packet a device may send: a 64 KB SenML pack with room for its topic and properties. */
export const MAX_PACKET_BYTES = SENML_BODY_LIMIT + 4 * 1024;

/** Connected logins are re-checked this often, so a changed password or removed binding ends them. */
const RECHECK_MS = 60_000;
const RECHECK_BATCH = 500;

/** Where devices reach the broker, for the API (`GET /api/mqtt/broker`) and the portal. */
export function mqttBrokerInfo(broker: MqttBroker): MqttBrokerInfo {
  const certificate = broker.tls?.certificate();
  return {
    tcpPort: broker.port || null,
    tlsPort: broker.tls?.port ?? null,
    tlsFingerprint: certificate?.fingerprint ?? null,
    tlsSelfSigned: certificate?.source === 'generated',
    webSocketPath: broker.webSocketPath ?? null,
  };
}

/** Where devices reach the broker, as start-up prints it (one line per way in). */
export function mqttAddresses(broker: MqttBroker, httpUrl: string): string[] {
  const lines: string[] = [];
  if (broker.port) lines.push(`MQTT broker for devices: ${broker.url}`);
  if (broker.tls) {
    const { fingerprint, source, certPath } = broker.tls.certificate();
    lines.push(
      `MQTT over TLS: ${broker.tls.url}` +
        (source === 'generated'
          ? ` (self-signed certificate ${certPath}, SHA-256 fingerprint ${fingerprint})`
          : ` (certificate ${certPath})`),
    );
  }
  if (broker.webSocketPath) {
    const secure = broker.tls ? `, ${broker.tls.url.replace(/^mqtts/, 'wss')}${broker.webSocketPath}` : '';
    lines.push(`MQTT over WebSocket: ${httpUrl.replace(/^http/, 'ws')}${broker.webSocketPath}${secure}`);
  }
  return lines;
}

export const upTopic = (urn: string) => `devices/${urn}/up`;
export const downTopic = (urn: string) => `devices/${urn}/down`;

export interface MqttBroker {
  /** The plain-TCP port (the one asked for, or the free one picked for port 0); 0 when it is off. */
  port: number;
  /** The first way in: mqtt://host:port, or mqtts:// when plain TCP is off. */
  url: string;
  /** MQTT over TLS, with the certificate it serves now. */
  tls?: { port: number; url: string; certificate: () => MqttTlsMaterial };
  /** MQTT over WebSocket on the HTTP server given to the broker. */
  webSocketPath?: string;
  connectedClients: () => number;
  /** Publishes to the devices subscribed to `topic` (downlinks); resolves once the broker has it. */
  publish: (topic: string, payload: Buffer, qos: 0 | 1 | 2) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * The MQTT connector (PRODUCT §6): an aedes broker (MQTT 3.1.1, and MQTT 5 through the bridge in
 * `mqtt5.ts`) where each device logs in with its URN and the
 * password of its MQTT binding, publishes SenML uplinks on `devices/<urn>/up` and may subscribe only
 * to `devices/<urn>/down`. Uplinks are stored through the ingest service inside `authorizePublish`,
 * which aedes runs before it writes the PUBACK — so a QoS 1 uplink is acknowledged only once it is
 * committed (the `published` hook would run after the PUBACK has gone out).
 */
export async function startMqttBroker(
  deps: Deps,
  options: {
    registry?: Registry;
    pipeline?: Pipeline;
    recheckMs?: number;
    /** The HTTP server to serve MQTT over WebSocket on (at /mqtt). */
    http?: HttpServer;
    /** false: no TLS listener even where one would be made (a broker in a test that needs none). */
    tls?: false;
  } = {},
): Promise<MqttBroker> {
  const { env } = deps;
  const log = deps.logger.child({ connector: 'mqtt' });
  const auth = createMqttAuthService(deps);
  // The process's pipeline; a broker started alone (tests) makes and closes its own.
  const ownPipeline = options.pipeline ? undefined : createPipeline(deps);
  const { ingest } = options.pipeline ?? ownPipeline!;
  const sessions = new WeakMap<Client, MqttLogin>();
  // aedes keeps its clients by id but does not declare the map in its types.
  const clientsOf = (b: Aedes) => (b as unknown as { clients: Record<string, Client | undefined> }).clients;
  // Nor its persistence (a session's subscriptions live there).
  const persistenceOf = (b: Aedes) =>
    (b as unknown as { persistence: { cleanSubscriptions(client: { id: string }): Promise<void> } })
      .persistence;

  const refuse = (returnCode: number, message: string): AuthenticateError =>
    Object.assign(new Error(message), { returnCode }) as AuthenticateError;
  // Failed logins per (user name, address) and per address, as for the portal: guessing a device
  // password is slow, and a flood of bad CONNECTs from one address buys few password checks. Devices
  // behind one carrier NAT share an address, so its budget is larger than the portal's.
  const guard = new LoginGuard({ perAddress: 100 });
  const addressOf = (client: Client) => (client.conn as { remoteAddress?: string }).remoteAddress ?? '';

  /** Stores a SenML pack a device published (or left as its will) through the ingest service. */
  const acceptUplink = (login: MqttLogin, payload: Uint8Array, metadata: Record<string, unknown>) =>
    ingest.accept({
      connector: 'mqtt',
      format: 'senml',
      networkType: login.networkType,
      identifier: login.identifier,
      payload: new Uint8Array(payload),
      contentType: 'application/senml+json',
      metadata,
    });

  /** A delayed MQTT 5 will, published by the session clock after its device has gone. */
  const storeWill = (login: MqttLogin, clientId: string, will: WillMessage) => {
    if (will.topic !== upTopic(login.urn)) {
      log.debug({ urn: login.urn, topic: will.topic }, 'MQTT will to a topic the device may not use dropped');
      return;
    }
    acceptUplink(login, will.payload, { topic: will.topic, qos: will.qos, clientId, will: true }).catch(
      (error: unknown) => log.info({ err: error, urn: login.urn }, 'MQTT will not stored'),
    );
  };

  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      let login: MqttLogin | undefined;
      const check = async () => {
        login = await auth.login(username, password);
        return login !== undefined;
      };
      guard.attempt(username ?? '', addressOf(client), check).then(
        (ok) => {
          if (!ok || !login) {
            log.debug({ username, clientId: client.id }, 'MQTT login refused');
            return done(refuse(BAD_USERNAME_OR_PASSWORD, 'Bad username or password'), false);
          }
          // A client id already taken by another device would disconnect that device (MQTT-3.1.4-2):
          // one device must not be able to push another off the broker.
          const holder = clientsOf(broker)[client.id];
          const holderLogin = holder ? sessions.get(holder) : undefined;
          if (holderLogin && holderLogin.urn !== login.urn) {
            log.debug({ username, clientId: client.id }, 'MQTT client id held by another device');
            return done(refuse(IDENTIFIER_REJECTED, 'Client identifier in use by another device'), false);
          }
          // The same device connecting again takes its session over: the old connection is told so.
          if (holder) mqtt5Session(holder.conn)?.disconnectReason(Reason.sessionTakenOver);
          sessions.set(client, login);
          const deviceLogin = login;
          mqtt5Session(client.conn)?.onWill((will) => storeWill(deviceLogin, client.id, will));
          done(null, true);
        },
        (error: unknown) => {
          if (error instanceof LoginRefusedError) {
            log.info(
              { username, address: addressOf(client), reason: error.reason },
              'MQTT login refused unchecked',
            );
            const throttled = error.reason === 'throttled';
            mqtt5Session(client.conn)?.connackReason(
              throttled ? Reason.connectionRateExceeded : Reason.serverBusy,
            );
            return done(refuse(throttled ? NOT_AUTHORIZED : SERVER_UNAVAILABLE, error.message), false);
          }
          log.error({ err: error, username }, 'MQTT login check failed');
          done(refuse(SERVER_UNAVAILABLE, 'Server unavailable'), false);
        },
      );
    },

    authorizePublish(client, packet, callback) {
      const login = client ? sessions.get(client) : undefined;
      if (!client || !login) return callback(new Error('Not logged in'));
      if (packet.topic !== upTopic(login.urn)) {
        log.debug({ urn: login.urn, topic: packet.topic }, 'MQTT publish refused');
        // MQTT 3.1.1 has no negative PUBACK: refusing means closing the connection (MQTT-3.3.5-2);
        // an MQTT 5 device is told why in the DISCONNECT.
        mqtt5Session(client.conn)?.disconnectReason(Reason.notAuthorized);
        return callback(new Error(`Publishing to ${packet.topic} is not allowed`));
      }
      // The broker is a way in, not a store: an uplink is never kept as a retained message.
      packet.retain = false;
      const payload =
        typeof packet.payload === 'string' ? Buffer.from(packet.payload, 'utf8') : packet.payload;
      // The connection stays after a bad pack: one firmware bug should not cut the device off. An MQTT 5
      // device learns of it from the PUBACK's reason code; a 3.1.1 one is acknowledged (it has no negative
      // PUBACK, and refusing would mean closing the connection).
      const dropBadPack = (problem: string) => {
        log.info({ urn: login.urn, problem }, 'MQTT uplink dropped');
        if (packet.qos > 0)
          mqtt5Session(client.conn)?.pubackReason(packet.messageId!, Reason.payloadFormatInvalid);
        callback(null);
      };
      if (payload.length > SENML_BODY_LIMIT)
        return dropBadPack(`A SenML pack may be at most ${SENML_BODY_LIMIT / 1024} KB`);
      acceptUplink(login, payload, { topic: packet.topic, qos: packet.qos, clientId: client.id }).then(
        () => callback(null),
        (error: unknown) => {
          if (error instanceof DomainError && error.status === 400) return dropBadPack(error.message);
          // Not committed, so no PUBACK: closing makes the device send the uplink again.
          mqtt5Session(client.conn)?.disconnectReason(
            error instanceof DomainError ? Reason.notAuthorized : Reason.serverBusy,
          );
          if (error instanceof DomainError)
            log.info({ urn: login.urn, code: error.code }, 'MQTT uplink refused');
          else log.error({ err: error, urn: login.urn }, 'MQTT uplink could not be stored');
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },

    authorizeSubscribe(client, subscription, callback) {
      const login = sessions.get(client);
      if (login && subscription.topic === downTopic(login.urn)) return callback(null, subscription);
      log.debug({ urn: login?.urn, topic: subscription.topic }, 'MQTT subscription refused');
      // A null subscription is answered with return code 0x80 in the SUBACK; the connection stays.
      callback(null, null);
    },
  });

  broker.on('clientError', (client, error) =>
    log.debug({ clientId: client.id, err: error.message }, 'MQTT client error'),
  );
  broker.on('connectionError', (_client, error) =>
    log.debug({ err: error.message }, 'MQTT connection error'),
  );

  const recheck = setInterval(() => {
    const clients = Object.values(clientsOf(broker)).filter((c): c is Client => c !== undefined);
    void (async () => {
      for (let i = 0; i < clients.length; i += RECHECK_BATCH) {
        const batch = clients.slice(i, i + RECHECK_BATCH).flatMap((client) => {
          const login = sessions.get(client);
          return login ? [{ client, login }] : [];
        });
        const revoked = await auth.revoked(batch.map((b) => b.login));
        for (const { client, login } of batch) {
          if (!revoked.has(login.urn)) continue;
          log.info({ urn: login.urn }, 'MQTT login no longer valid: disconnecting');
          client.close();
        }
      }
    })().catch((error: unknown) => log.warn({ err: error }, 'MQTT login re-check failed'));
  }, options.recheckMs ?? RECHECK_MS);
  recheck.unref();

  const gauge = options.registry
    ? new Gauge({
        name: GAUGE,
        help: 'Devices connected to the MQTT broker',
        registers: [options.registry],
        collect() {
          this.set(broker.connectedClients);
        },
      })
    : undefined;

  const clock = new SessionClock({
    endSession(clientId) {
      // A device connected again meanwhile keeps its session.
      if (clientsOf(broker)[clientId]) return;
      persistenceOf(broker)
        .cleanSubscriptions({ id: clientId })
        .catch((error: unknown) => log.warn({ err: error, clientId }, 'MQTT session could not be ended'));
    },
  });
  const handler = mqttConnectionHandler(broker.handle, MAX_PACKET_BYTES, clock);
  let listeners: MqttListeners;
  try {
    const tls = options.tls === false ? undefined : await loadMqttTls(env);
    listeners = await openMqttListeners(env, log, handler, {
      ...(tls && { tls }),
      ...(options.http && { http: options.http }),
    });
  } catch (error) {
    clearInterval(recheck);
    clock.close();
    broker.close();
    throw error;
  }
  const { tcp, tls } = listeners;
  log.info(
    {
      port: tcp?.port,
      tlsPort: tls?.port,
      webSocket: listeners.ws?.path,
      fingerprint: tls?.material().fingerprint,
    },
    'MQTT broker listening',
  );
  if (!tcp && !tls && !listeners.ws)
    log.warn('MQTT broker has no listener: set MQTT_TLS_CERT and MQTT_TLS_KEY, or MQTT_PLAINTEXT=true');

  return {
    port: tcp?.port ?? 0,
    url: tcp?.url ?? tls?.url ?? '',
    ...(tls && { tls: { port: tls.port, url: tls.url, certificate: tls.material } }),
    ...(listeners.ws && { webSocketPath: listeners.ws.path }),
    connectedClients: () => broker.connectedClients,
    publish: (topic, payload, qos) =>
      new Promise<void>((resolve, reject) =>
        broker.publish({ cmd: 'publish', topic, payload, qos, retain: false, dup: false }, (error) =>
          error ? reject(error) : resolve(),
        ),
      ),
    async close() {
      clearInterval(recheck);
      clock.close();
      const stopped = listeners.close();
      // Closing the broker ends every client connection, which lets the listeners finish closing.
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await stopped;
      if (gauge) options.registry?.removeSingleMetric(GAUGE);
      await ownPipeline?.close();
    },
  };
}
