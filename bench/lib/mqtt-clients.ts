/**
 * One load-generator process of `pnpm bench:mqtt` (started by `mqtt-fleet.ts`): holds real MQTT.js
 * clients for the devices its parent hands it, and connects, publishes and closes them when told to
 * over IPC, answering with raw timings (epoch milliseconds, so processes can be compared). Several of
 * these share the load, so the client side is not one event loop.
 */
import { createConnection } from 'node:net';
import { MqttClient } from 'mqtt';
import type { ClientCommand, ClientReply, ConnectReport, PublishReport } from './mqtt-fleet.ts';

/** A publish the broker never acknowledges (connection closed, uplink refused) counts as failed. */
const PUBACK_TIMEOUT_MS = 15_000;

const now = () => performance.timeOrigin + performance.now();
const send = (reply: ClientReply) => process.send!(reply);

interface Device {
  urn: string;
  password: string;
  localAddress?: string;
}

let devices: Device[] = [];
let clients: (MqttClient | undefined)[] = [];
let target = { host: '127.0.0.1', port: 1883 };
let nextClientId = 0;

function count(into: Record<string, number>, label: string) {
  into[label] = (into[label] ?? 0) + 1;
}

function errorLabel(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  // MQTT.js gives a refusing CONNACK's return code as a number.
  if (typeof code === 'number') return `CONNACK ${code}`;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.slice(0, 40) : String(error);
}

/**
 * One connection attempt of device `i`, as MQTT.js opens it over TCP (the same `net.createConnection`
 * as its own tcp stream builder, bound to the device's source address when it has one).
 */
function attempt(
  i: number,
  timeoutMs: number,
): Promise<{ ok: true; ms: number } | { ok: false; label: string }> {
  const device = devices[i]!;
  return new Promise((resolve) => {
    const openedAt = now();
    let label = 'closed';
    let settled = false;
    const client = new MqttClient(
      () =>
        createConnection({
          host: target.host,
          port: target.port,
          ...(device.localAddress ? { localAddress: device.localAddress } : {}),
        }),
      {
        protocolId: 'MQTT',
        protocolVersion: 4,
        clientId: `bench-${process.pid}-${nextClientId++}`,
        username: device.urn,
        password: device.password,
        clean: true,
        keepalive: 60,
        connectTimeout: timeoutMs,
        // The benchmark decides when to try again, and counts each refusal.
        reconnectPeriod: 0,
      },
    );
    client.once('connect', () => {
      settled = true;
      clients[i] = client;
      resolve({ ok: true, ms: now() - openedAt });
    });
    client.on('error', (error) => {
      label = errorLabel(error);
    });
    client.once('close', () => {
      if (settled) return;
      settled = true;
      client.end(true);
      resolve({ ok: false, label });
    });
  });
}

async function connectAll(command: Extract<ClientCommand, { cmd: 'connect' }>): Promise<ConnectReport> {
  const { startAt, concurrency, retry, deadlineMs, attemptTimeoutMs } = command;
  const report: ConnectReport = {
    connectedAt: [],
    attemptMs: [],
    refusals: {},
    notConnected: 0,
    attempts: 0,
    lastAt: startAt,
    firstTriesOpenedMs: 0,
  };
  const deadline = startAt + deadlineMs;
  const pending = devices.map((_, i) => i).filter((i) => !clients[i]?.connected);
  let next = 0;
  async function lane() {
    while (next < pending.length) {
      const i = pending[next++]!;
      for (let tries = 1; ; tries++) {
        report.attempts++;
        if (tries === 1) report.firstTriesOpenedMs = Math.max(report.firstTriesOpenedMs, now() - startAt);
        const outcome = await attempt(i, attemptTimeoutMs);
        if (outcome.ok) {
          const at = now();
          report.connectedAt.push(at - startAt);
          report.attemptMs.push(outcome.ms);
          report.lastAt = Math.max(report.lastAt, at);
          break;
        }
        count(report.refusals, outcome.label);
        if (!retry || now() > deadline) {
          report.notConnected++;
          break;
        }
        // As a device would: back off 1 s (doubling up to 8 s) with jitter, then try again.
        const backoff = Math.min(8_000, 1_000 * 2 ** Math.min(tries - 1, 3)) * (0.5 + Math.random());
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, lane));
  return report;
}

async function publish(command: Extract<ClientCommand, { cmd: 'publish' }>): Promise<PublishReport> {
  const { rate, durationMs, startAt } = command;
  const connected = clients.filter((c): c is MqttClient => c?.connected === true);
  const report: PublishReport = {
    sent: 0,
    acked: 0,
    latenciesMs: [],
    errors: {},
    lateMs: [],
    elapsedMs: 0,
  };
  if (connected.length === 0 || rate <= 0) return report;
  const total = Math.round((rate * durationMs) / 1000);
  let issued = 0;
  let inFlight = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const value = { v: 21.5 };

  function publishOne(k: number) {
    const client = connected[k % connected.length]!;
    const urn = (client.options.username as string) ?? '';
    report.sent++;
    if (!client.connected) {
      count(report.errors, 'disconnected');
      return;
    }
    value.v = Math.round((value.v + (Math.random() - 0.5) * 0.2) * 100) / 100;
    const body = JSON.stringify([{ bn: urn, n: 'temperature', u: 'Cel', v: value.v }]);
    inFlight++;
    let done = false;
    const sentAt = now();
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      inFlight--;
      count(report.errors, 'no PUBACK');
      if (issued >= total && inFlight === 0) finish();
    }, PUBACK_TIMEOUT_MS);
    client.publish(`devices/${urn}/up`, body, { qos: 1 }, (error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      inFlight--;
      if (error) count(report.errors, errorLabel(error));
      else {
        report.acked++;
        report.latenciesMs.push(now() - sentAt);
      }
      if (issued >= total && inFlight === 0) finish();
    });
  }

  // Open loop: publish k leaves at startAt + k / rate whatever the earlier ones' acks are doing.
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - now())));
  const tick = () => {
    const t = now();
    const due = Math.min(total, Math.floor(((t - startAt) * rate) / 1000) + 1);
    while (issued < due) {
      report.lateMs.push(t - (startAt + (issued * 1000) / rate));
      publishOne(issued++);
    }
    if (issued < total) setTimeout(tick, Math.max(0, startAt + (issued * 1000) / rate - now()));
    else if (inFlight === 0) finish();
  };
  tick();
  await finished;
  report.elapsedMs = Math.max(durationMs, now() - startAt);
  return report;
}

/** Resolves once none of the clients is connected any more (the server was stopped), or after `ms`. */
async function waitClosed(ms: number): Promise<number> {
  const until = now() + ms;
  while (now() < until && clients.some((c) => c?.connected)) await new Promise((r) => setTimeout(r, 100));
  const open = clients.filter((c) => c?.connected).length;
  for (const c of clients) c?.end(true);
  clients = devices.map(() => undefined);
  return open;
}

async function endAll(): Promise<void> {
  await Promise.all(clients.map((c) => c?.endAsync(true).catch(() => {})));
  clients = devices.map(() => undefined);
}

process.on('message', (command: ClientCommand) => {
  void (async () => {
    switch (command.cmd) {
      case 'devices':
        devices = command.devices;
        target = command.target;
        clients = devices.map(() => undefined);
        return send({ cmd: 'ok' });
      case 'connect':
        return send({ cmd: 'connected', report: await connectAll(command) });
      case 'publish':
        return send({ cmd: 'published', report: await publish(command) });
      case 'wait-closed':
        return send({ cmd: 'closed', stillOpen: await waitClosed(command.ms) });
      case 'end':
        await endAll();
        return send({ cmd: 'ok' });
      case 'exit':
        await endAll();
        process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error('mqtt client process:', error);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
send({ cmd: 'ok' });
