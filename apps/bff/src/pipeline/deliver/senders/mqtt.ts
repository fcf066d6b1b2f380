import { randomBytes } from 'node:crypto';
import { DELIVERY_TIMEOUT_MS, type MqttConfig, renderTopic } from '@openthings/domain';
import { connect, type MqttClient } from 'mqtt';
import type { ClaimedDelivery } from '../deliver.repo.ts';
import { httpVerdict, type Outgoing, type Sender, type SendResult } from './sender.ts';
import { allowedAddresses } from './targets.ts';

/** A client nobody published through for this long is closed (its destination may be gone). */
const IDLE_MS = 10 * 60_000;
const RECONNECT_MS = 5_000;

class AttemptTimeout extends Error {}

interface Entry {
  /** Connection settings the client was made with: a change in the destination makes a new client. */
  key: string;
  client: Promise<MqttClient>;
  lastUsed: number;
}

/**
 * The device URN: the pack's base name (the deliverer writes it on the first record whose name starts
 * with it; a record with a name of its own sets `bn` to "").
 */
function urnOf(body: string): string {
  try {
    const pack = JSON.parse(body) as { bn?: unknown }[];
    const bn = pack.find((r) => typeof r.bn === 'string' && r.bn !== '')?.bn;
    return typeof bn === 'string' ? bn : '';
  } catch {
    return '';
  }
}

/** A connection or publish error as an attempt outcome: timeouts and network errors are retried. */
function failure(error: unknown): {
  outcome: { kind: 'timeout' } | { kind: 'network'; error: string };
  response: null;
} {
  if (error instanceof AttemptTimeout) return { outcome: { kind: 'timeout' }, response: null };
  const message = (error as Error).message || String(error);
  return { outcome: { kind: 'network', error: `MQTT: ${message}` }, response: null };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AttemptTimeout(`${what} timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Resolves when the client is connected; rejects with the first error (refused, bad login, TLS…). */
function connected(client: MqttClient): Promise<MqttClient> {
  if (client.connected) return Promise.resolve(client);
  return new Promise((resolve, reject) => {
    const onConnect = () => {
      client.off('error', onError);
      resolve(client);
    };
    const onError = (error: Error) => {
      client.off('connect', onConnect);
      reject(error);
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
}

/**
 * Publishes deliveries to external MQTT brokers: one client per destination, kept open and reused
 * (an MQTT connection costs a handshake and a login, a publish on it almost nothing). The broker's host
 * is resolved and every address checked against the delivery target rules before connecting, and the
 * client connects to the checked address (TLS still verifies the name), so DNS cannot point a
 * destination at the metadata service between the check and the connection. Failures come back as
 * network or timeout outcomes, which the delivery retry schedule handles.
 */
export function createMqttSender(options: { allowPrivate: boolean }): Sender {
  const entries = new Map<string, Entry>();

  async function open(config: MqttConfig): Promise<MqttClient> {
    const url = new URL(config.url);
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const addresses = await allowedAddresses(hostname, options);
    const tls = url.protocol === 'mqtts:';
    const client = connect({
      protocol: tls ? 'mqtts' : 'mqtt',
      host: addresses[0]!.address,
      hostname: addresses[0]!.address,
      port: url.port ? Number(url.port) : tls ? 8883 : 1883,
      ...(tls ? { servername: hostname } : {}),
      clientId: `openthings-${randomBytes(8).toString('hex')}`,
      username: config.username,
      password: config.password,
      clean: true,
      connectTimeout: DELIVERY_TIMEOUT_MS,
      reconnectPeriod: RECONNECT_MS,
    });
    // Without a listener an 'error' event would throw; errors are read where they matter (connected()).
    client.on('error', () => {});
    try {
      return await withTimeout(connected(client), DELIVERY_TIMEOUT_MS, 'Connecting to the broker');
    } catch (error) {
      client.end(true);
      throw error;
    }
  }

  async function clientFor(destinationId: string, config: MqttConfig): Promise<MqttClient> {
    const key = JSON.stringify([config.url, config.username ?? null, config.password ?? null]);
    let entry = entries.get(destinationId);
    if (entry && entry.key !== key) {
      drop(destinationId, entry);
      entry = undefined;
    }
    if (!entry) {
      entry = { key, client: open(config), lastUsed: Date.now() };
      entries.set(destinationId, entry);
    }
    entry.lastUsed = Date.now();
    try {
      const client = await entry.client;
      // A client that lost its connection is reconnecting by itself; give it the connect timeout.
      return await withTimeout(connected(client), DELIVERY_TIMEOUT_MS, 'Reconnecting to the broker');
    } catch (error) {
      // The next attempt starts afresh, resolving the host again.
      drop(destinationId, entry);
      throw error;
    }
  }

  function drop(destinationId: string, entry: Entry) {
    if (entries.get(destinationId) === entry) entries.delete(destinationId);
    entry.client.then(
      (c) => c.end(true),
      () => {},
    );
  }

  const sweep = setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, entry] of entries) if (entry.lastUsed < cutoff) drop(id, entry);
  }, 60_000);
  sweep.unref();

  /** Where a delivery is published: the destination's topic template rendered for its device. */
  function publication(d: ClaimedDelivery) {
    const config = d.config as unknown as MqttConfig;
    return {
      topic: renderTopic(config.topic, { urn: urnOf(d.body), deviceId: d.deviceId }),
      qos: config.qos === 0 ? (0 as const) : (1 as const),
    };
  }

  async function publish({ d }: Outgoing): Promise<SendResult> {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const { topic, qos } = publication(d);
    try {
      const client = await clientFor(d.destinationId, d.config as unknown as MqttConfig);
      // QoS 1 completes on the broker's PUBACK; QoS 0 once the message is written to the connection.
      await withTimeout(client.publishAsync(topic, d.body, { qos }), DELIVERY_TIMEOUT_MS, 'Publishing');
      return {
        outcome: { kind: 'response', status: 200 },
        latencyMs: latency(),
        response: qos === 1 ? `PUBACK on ${topic}` : `Published on ${topic} (QoS 0, not acknowledged)`,
      };
    } catch (error) {
      return { ...failure(error), latencyMs: latency() };
    }
  }

  return {
    kind: 'MQTT',
    // An MQTT 3.1.1 publish has no headers: the log shows where it went instead.
    serialise(d) {
      const { topic, qos } = publication(d);
      return { headers: { 'mqtt-topic': topic, 'mqtt-qos': String(qos) }, secretHeaders: [] };
    },
    // Publishes share the destination's one connection; QoS 1 acknowledgements arrive in any order.
    sendBatch: (batch) => Promise.all(batch.map(publish)),
    // A publish either is acknowledged (200) or fails on the connection (retried).
    verdict: httpVerdict,
    async testConnection(target) {
      const started = performance.now();
      const latencyMs = () => Math.round(performance.now() - started);
      const config = target.config as unknown as MqttConfig;
      try {
        // A fresh connection with the saved settings, closed at once: nothing is published.
        const client = await open(config);
        await client.endAsync();
        return {
          ok: true,
          status: null,
          latencyMs: latencyMs(),
          message: `Connected to ${new URL(config.url).host} and logged in (nothing was published).`,
        };
      } catch (error) {
        const { outcome } = failure(error);
        return {
          ok: false,
          status: null,
          latencyMs: latencyMs(),
          message: outcome.kind === 'timeout' ? 'Timed out after 15 s' : outcome.error,
        };
      }
    },

    async close(): Promise<void> {
      clearInterval(sweep);
      const all = [...entries.values()];
      entries.clear();
      await Promise.all(
        all.map((e) =>
          e.client.then(
            (c) => c.endAsync(true),
            () => {},
          ),
        ),
      );
    },
  };
}
