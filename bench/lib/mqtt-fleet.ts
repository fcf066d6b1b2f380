/**
 * The device side of `pnpm bench:mqtt`: a fleet of MQTT devices seeded straight into the database
 * (what the API makes for a device with internet network information, a flow link and an MQTT binding
 * whose password the server generated), and the load-generator processes (`mqtt-clients.ts`) that
 * hold their MQTT.js clients.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type postgres from 'postgres';
import { childEnv } from './env.ts';
import { repoRoot } from './server.ts';

export interface MqttDevice {
  urn: string;
  password: string;
  /** The source address the device connects from (127.x.y.z), or the system's choice. */
  localAddress?: string;
}

/** What a client process reports after connecting its devices. */
export interface ConnectReport {
  /** Per device that got on: milliseconds from the storm's start to its CONNACK. */
  connectedAt: number[];
  /** Per device that got on: milliseconds of its successful attempt (TCP connect + CONNECT → CONNACK). */
  attemptMs: number[];
  /** Failed attempts by reason (`CONNACK 5`, `ECONNRESET`, …). */
  refusals: Record<string, number>;
  /** Devices still not connected when the deadline passed. */
  notConnected: number;
  attempts: number;
  /** Epoch milliseconds of the last CONNACK. */
  lastAt: number;
  /** Milliseconds from the start until this process had begun every device's first attempt. */
  firstTriesOpenedMs: number;
}

/** What a client process reports after a publishing round. */
export interface PublishReport {
  sent: number;
  acked: number;
  /** PUBACK latencies, milliseconds from the publish call. */
  latenciesMs: number[];
  errors: Record<string, number>;
  /** How late each publish left after its slot (the load generator's own lag). */
  lateMs: number[];
  elapsedMs: number;
}

export type ClientCommand =
  | { cmd: 'devices'; devices: MqttDevice[]; target: { host: string; port: number } }
  | {
      cmd: 'connect';
      /** Epoch milliseconds the storm started at (the parent's clock). */
      startAt: number;
      /** Connection attempts in flight at once in this process. */
      concurrency: number;
      /** Try a refused device again after a backoff, as a device would. */
      retry: boolean;
      deadlineMs: number;
      attemptTimeoutMs: number;
    }
  | { cmd: 'publish'; rate: number; durationMs: number; startAt: number }
  | { cmd: 'wait-closed'; ms: number }
  | { cmd: 'end' }
  | { cmd: 'exit' };

export type ClientReply =
  | { cmd: 'ok' }
  | { cmd: 'connected'; report: ConnectReport }
  | { cmd: 'published'; report: PublishReport }
  | { cmd: 'closed'; stillOpen: number };

/** Epoch milliseconds with sub-millisecond resolution, comparable across processes. */
export const epochNow = () => performance.timeOrigin + performance.now();

/** A load-generator process and the devices it holds. */
export interface ClientProcess {
  pid: number;
  devices: number;
  call<R extends ClientReply['cmd']>(
    command: ClientCommand,
    reply: R,
  ): Promise<Extract<ClientReply, { cmd: R }>>;
  stop(): Promise<void>;
}

/** Starts a load-generator process (tsx as an import hook, so its PID is the process that does the work). */
export async function startClientProcess(): Promise<ClientProcess> {
  const tsx = pathToFileURL(join(repoRoot, 'apps/bff/node_modules/tsx/dist/loader.mjs')).href;
  const child: ChildProcess = fork(join(repoRoot, 'bench/lib/mqtt-clients.ts'), [], {
    execArgv: ['--import', tsx],
    env: childEnv({}),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let queue: { reply: string; resolve: (m: ClientReply) => void; reject: (e: Error) => void }[] = [];
  child.on('message', (message: ClientReply) => {
    const waiter = queue.shift();
    if (!waiter) return;
    if (message.cmd !== waiter.reply)
      waiter.reject(new Error(`client process answered ${message.cmd}, not ${waiter.reply}`));
    else waiter.resolve(message);
  });
  child.once('exit', (code) => {
    for (const w of queue) w.reject(new Error(`client process exited with ${code}`));
    queue = [];
  });
  const expect = (reply: string) =>
    new Promise<ClientReply>((resolve, reject) => queue.push({ reply, resolve, reject }));
  await expect('ok');
  let devices = 0;
  return {
    pid: child.pid!,
    get devices() {
      return devices;
    },
    async call(command, reply) {
      if (command.cmd === 'devices') devices = command.devices.length;
      const answer = expect(reply);
      child.send(command);
      return (await answer) as never;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ cmd: 'exit' } satisfies ClientCommand);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * `count` different ports nobody listens on right now (the OS's picks, held open together so no two are
 * the same), for a server that must keep its ports across restarts.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
  const ports = servers.map((s) => {
    const address = s.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port` (the broker listens after /readyz). */
export async function waitForPort(port: number, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline)
      throw new Error(
        `nothing listens on port ${port} after ${ms / 1000} s (did the server start its broker?)`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The source address of device `i` when devices are spread over `addresses` loopback addresses
 * (127.1.0.1, 127.1.0.2, …: all of 127/8 reaches the server on 127.0.0.1).
 */
export function loopbackAddress(i: number, addresses: number): string {
  const n = (i % addresses) + 1;
  return `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}`;
}

/**
 * Seeds `count` MQTT devices into a project and flow in set-based statements: for each, a device of type
 * `generic-internet` (ACTIVE, in the flow), its INTERNET network information (a DvnUUID), the `http`
 * binding the API makes with it and an `mqtt` binding whose password is one the server would generate
 * (32 random characters, stored as `sha256$<hex>`, checked in microseconds). The database's triggers
 * add the activity rows and the project's counts, as they do for devices made through the API.
 */
export async function seedMqttDevices(
  sql: postgres.Sql,
  target: { projectId: string; flowId: string; prefix: string; count: number },
): Promise<MqttDevice[]> {
  const [project] = await sql<{ customerId: string }[]>`
    select customer_id as "customerId" from projects where id = ${target.projectId}`;
  if (!project) throw new Error(`no project ${target.projectId}`);
  const { customerId } = project;
  const identifiers: string[] = [];
  const names: string[] = [];
  const hashes: string[] = [];
  const devices: MqttDevice[] = [];
  for (let i = 0; i < target.count; i++) {
    const identifier = randomUUID();
    // What the server generates for a binding without a password of its own.
    const password = randomBytes(24).toString('base64url');
    identifiers.push(identifier);
    names.push(`${target.prefix}${String(i + 1).padStart(5, '0')}`);
    hashes.push(`sha256$${createHash('sha256').update(password).digest('hex')}`);
    devices.push({ urn: `urn:dev:DVNUUID:${identifier}:`, password });
  }
  await sql.begin(async (tx) => {
    await tx`
      create temporary table seed on commit drop as
      select gen_random_uuid() as device_id, s.identifier, s.name, s.hash
        from unnest(${identifiers}::text[], ${names}::text[], ${hashes}::text[]) as s(identifier, name, hash)`;
    await tx`
      insert into devices (id, customer_id, project_id, name, description, device_type_id, enabled,
                           processing_status, network_type, primary_identifier, flow_count)
      select device_id, ${customerId}::uuid, ${target.projectId}::uuid, name, 'MQTT device (pnpm bench:mqtt)',
             'generic-internet', true, 'ACTIVE', 'INTERNET', identifier, 1
        from seed`;
    await tx`
      insert into network_adapters (customer_id, device_id, network_type, identifier)
      select ${customerId}::uuid, device_id, 'INTERNET', identifier from seed`;
    await tx`
      insert into bindings (customer_id, device_id, kind, type, urn, password_hash)
      select ${customerId}::uuid, device_id, 'http', 'http-senml', 'urn:dev:DVNUUID:' || identifier || ':', null from seed
      union all
      select ${customerId}::uuid, device_id, 'mqtt', 'mqtt', 'urn:dev:DVNUUID:' || identifier || ':', hash from seed`;
    await tx`
      insert into device_flows (flow_id, device_id, customer_id)
      select ${target.flowId}::uuid, device_id, ${customerId}::uuid from seed`;
  });
  await sql`analyze devices, network_adapters, bindings, device_flows`;
  return devices;
}
