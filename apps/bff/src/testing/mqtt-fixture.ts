import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, expect } from 'vitest';
import { type MqttBroker, mqttBrokerInfo, startMqttBroker } from '../connectors/mqtt.ts';
import { uplinks } from '../db/schema/index.ts';
import { provisionDemoSims } from '../features/connectivity/connectivity.service.ts';
import { createTestApp, type TestApp } from './test-app.ts';

export const IMEI = '357292748642776';
export const URN = `urn:dev:IMEI:${IMEI}:`;
export const PASSWORD = 'Mqtt-Password-0123456789-xyz!';
export const OTHER_PASSWORD = 'Other-Password-0123456789-abc!';

export type MqttTransportName = 'tcp' | 'tls' | 'ws' | 'wss';

export interface MqttFixture {
  t: TestApp;
  acme: Awaited<ReturnType<TestApp['customer']>>;
  broker: MqttBroker;
  registry: Registry;
  /** The M2M device logging in as URN, linked to Acme's flow. */
  deviceId: string;
  /** Its MQTT binding; a test that removes the binding sets the new one here. */
  bindingId: string;
  /** The URN of a second (internet) device with its own MQTT login. */
  otherUrn: string;
  /** Every client a test opened, connected or not. */
  clients: MqttClient[];
  /** A device client on the file's broker; every one is ended after the file. */
  login: (username: string, password: string, extra?: IClientOptions) => Promise<MqttClient>;
  /** What a refused login answers: mqtt.js rejects with the CONNACK return (MQTT 5: reason) code. */
  refusal: (
    username: string,
    password: string,
    extra?: IClientOptions,
  ) => Promise<number | string | undefined>;
  /** The HTTP server MQTT over WebSocket is served on. */
  http: Server;
  /** The broker's address per transport. */
  urls: Record<MqttTransportName, string>;
  /** A device client over a transport (the TLS one trusts the broker's certificate). */
  connectOver: (
    transport: MqttTransportName,
    username: string,
    password: string,
    extra?: IClientOptions,
  ) => Promise<MqttClient>;
  /** Keeps a client to end after the file. */
  track: (client: MqttClient) => MqttClient;
  /** The uplinks the first device sent over MQTT. */
  storedUplinks: () => Promise<(typeof uplinks.$inferSelect)[]>;
  /** An API call as Acme's admin. */
  call: (method: string, path: string, body?: unknown) => ReturnType<TestApp['request']>;
}

/** Resolves once the client's connection has closed. */
export const closed = (client: MqttClient) =>
  new Promise<void>((resolve) => (client.connected ? client.once('close', () => resolve()) : resolve()));

/**
 * A test app with two devices that each have an MQTT login, and a broker on a free port: set up before
 * the calling file's tests, closed after them.
 */
export function useMqttFixture(): MqttFixture {
  const clients: MqttClient[] = [];
  const f = { clients } as MqttFixture;
  let dataDir: string | undefined;
  f.connectOver = async (transport, username, password, extra = {}) =>
    f.track(
      await connectAsync(f.urls[transport], {
        username,
        password,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        // The broker's self-signed certificate is the one to trust (as docs/mqtt.md tells users).
        ...((transport === 'tls' || transport === 'wss') && { ca: f.broker.tls!.certificate().cert }),
        ...extra,
      }),
    );
  f.call = (method, path, body) => f.t.request(method, path, { cookie: f.acme.cookie, body });
  f.track = (client) => {
    clients.push(client);
    return client;
  };
  f.login = async (username, password, extra = {}) =>
    f.track(
      await connectAsync(`mqtt://127.0.0.1:${f.broker.port}`, {
        username,
        password,
        reconnectPeriod: 0,
        connectTimeout: 5_000,
        ...extra,
      }),
    );
  f.refusal = async (username, password, extra = {}) => {
    try {
      await f.login(username, password, extra);
    } catch (error) {
      return (error as { code?: number }).code;
    }
    return 'connected';
  };
  f.storedUplinks = () =>
    f.t.deps.db
      .select()
      .from(uplinks)
      .where(and(eq(uplinks.deviceId, f.deviceId), eq(uplinks.connector, 'mqtt')));

  beforeAll(async () => {
    f.t = await createTestApp();
    f.acme = await f.t.customer('Acme');
    const { acme, call } = f;
    const [sim] = (
      await f.t.deps.db.transaction((tx) =>
        provisionDemoSims(tx, acme.customerId, acme.projectId, 4, new Date()),
      )
    ).filter((s) => s.status === 'ACTIVATED');
    const d = await call('POST', '/api/devices', {
      projectId: acme.projectId,
      deviceTypeId: 'own-m2m',
      name: 'Tracker',
    });
    f.deviceId = d.json.id;
    const adapter = await call('POST', `/api/devices/${f.deviceId}/network-adapters`, {
      type: 'M2M',
      imei: IMEI,
      iccid: sim!.iccid,
    });
    expect(adapter.status, adapter.text).toBe(201);
    await call('POST', `/api/device-groups/${acme.flowId}/devices/${f.deviceId}`);
    const binding = await call('POST', '/api/mqtt/bindings', { deviceId: f.deviceId, password: PASSWORD });
    expect(binding.status, binding.text).toBe(201);
    expect(binding.json.urn).toBe(URN);
    f.bindingId = binding.json.id;

    // A second device with its own MQTT login, whose topics the first must not reach.
    const dvnUuid = crypto.randomUUID();
    const other = await call('POST', '/api/devices', {
      projectId: acme.projectId,
      deviceTypeId: 'generic-internet',
      name: 'Station',
    });
    await call('POST', `/api/devices/${other.json.id}/network-adapters`, { type: 'INTERNET', dvnUuid });
    await call('POST', '/api/mqtt/bindings', { deviceId: other.json.id, password: OTHER_PASSWORD });
    f.otherUrn = `urn:dev:DVNUUID:${dvnUuid}:`;

    f.registry = new Registry();
    // A real HTTP server for MQTT over WebSocket, and a data folder for the self-signed certificate.
    f.http = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => f.http.listen(0, '127.0.0.1', resolve));
    dataDir = mkdtempSync(join(tmpdir(), 'ot-mqtt-'));
    const env = { ...f.t.deps.env, MQTT_PORT: 0, MQTTS_PORT: 0, HOST: '127.0.0.1', DATA_DIR: dataDir };
    f.broker = await startMqttBroker(
      { ...f.t.deps, env },
      // The app's pipeline, as in a `start` process: `f.t.pipeline.idle()` sees what the broker took.
      { registry: f.registry, pipeline: f.t.pipeline, http: f.http },
    );
    // As `start` does: the API tells where the broker is.
    f.t.deps.mqttBroker = () => mqttBrokerInfo(f.broker);
    f.urls = {
      tcp: `mqtt://127.0.0.1:${f.broker.port}`,
      tls: `mqtts://127.0.0.1:${f.broker.tls!.port}`,
      ws: `ws://127.0.0.1:${(f.http.address() as AddressInfo).port}${f.broker.webSocketPath}`,
      wss: `wss://127.0.0.1:${f.broker.tls!.port}${f.broker.webSocketPath}`,
    };
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await f.broker?.close();
    await new Promise((resolve) => f.http?.close(resolve));
    await f.t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return f;
}
