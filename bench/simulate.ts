/**
 * pnpm simulate: a device simulator and load generator. Signs in, makes sure N simulated internet
 * devices exist in a project and flow (reusing the ones an earlier run made), then sends SenML uplinks
 * at a total rate for a while and prints what was sent, accepted and failed with the ack latencies.
 */
import { parseArgs } from 'node:util';
import {
  ApiClient,
  type Credentials,
  DEMO_ADMIN,
  ensureInternetDevices,
  ensureLoraDevices,
  ensureMqttBindings,
  type Project,
} from './lib/api-client.ts';
import { driveLoad, parseDuration, percentile, SimulatedSensor } from './lib/load.ts';
import { chirpstackTransport, httpTransport, mqttTransport, type Transport } from './lib/transports.ts';

const HELP = `Usage: pnpm simulate [options]

Simulated devices that send uplinks to an OpenThings server, for demos and load tests.

Devices
  --url <url>              OpenThings server (default http://127.0.0.1:8080)
  --devices <n>            how many simulated devices (default 10)
  --project <id|name>      project for the devices (default: the first project with room for them)
  --flow <id|name>         flow (device group) to link them to; created when no flow has this name
                           (default "Simulated devices")
  --prefix <text>          device name prefix (default "sim-", LoRa "sim-lora-"): devices named
                           <prefix>0001… in the project are reused (HTTP: with a new shared secret)

Load
  --rate <n>               uplinks per second, in total over all devices (default 10)
  --duration <time>        how long to send: 30s, 2m, 1h30m or seconds (default 30s)
  --concurrency <n>        requests in flight at most (default 64)
  --transport <t>          http (default): POST /ingestion/ip/senml/v1 signed with the device's
                           shared secret (Things-Message-Token)
                           mqtt: the built-in broker, one connection per device, username = device
                           URN, password the server generated for its MQTT binding; QoS 1 publishes on
                           devices/<urn>/up (the ack is the PUBACK)
  --mqtt-url <url>         the broker for --transport mqtt (default mqtt://<host of --url>:1883)
                           lora-chirpstack: LoRa devices (type Elsys ERS, decoded by the flow's
                           default decoder) whose uplinks a ChirpStack v4 network server posts to
                           the integration's webhook (?event=up, Authorization: Bearer <secret>)
  --integration <id> --secret <secret>
                           the ChirpStack integration (POST /api/lora/integrations) for
                           lora-chirpstack; with --api-key, give its secret as --integration-secret

Sign-in (default: the demo admin ${DEMO_ADMIN.email})
  --email <e> --password <p>        a portal account
  --api-key <client id> --secret <client secret>
                                    an API key (role Manager — Editor or more); --api-secret
                                    also names the client secret

  -h, --help               this text

Every uplink carries temperature (Cel), humidity (%RH), batteryVoltage (V) and a position
(latitude/longitude) that drift: a SenML pack with bt = the send time (HTTP, MQTT) or the same
reading as an Elsys ERS payload (LoRa). Ctrl+C stops early and prints the summary.

Examples
  pnpm simulate --devices 5 --rate 1 --duration 1m
  pnpm simulate --devices 200 --rate 500 --duration 30s --project "Fleet demo"
  pnpm simulate --transport mqtt --devices 50 --rate 100 --duration 1m
  pnpm simulate --transport lora-chirpstack --integration <id> --secret <secret> --devices 20
`;

function fail(message: string): never {
  console.error(`simulate: ${message}\nRun pnpm simulate --help for the options.`);
  process.exit(2);
}

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive whole number, not "${text}"`);
  return n;
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8080' },
        devices: { type: 'string', default: '10' },
        project: { type: 'string' },
        flow: { type: 'string', default: 'Simulated devices' },
        prefix: { type: 'string' },
        rate: { type: 'string', default: '10' },
        duration: { type: 'string', default: '30s' },
        concurrency: { type: 'string', default: '64' },
        transport: { type: 'string', default: 'http' },
        'mqtt-url': { type: 'string' },
        integration: { type: 'string' },
        'integration-secret': { type: 'string' },
        'api-secret': { type: 'string' },
        email: { type: 'string' },
        password: { type: 'string' },
        'api-key': { type: 'string' },
        secret: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    });
  } catch (error) {
    fail((error as Error).message);
  }
})();

if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const TRANSPORTS = ['http', 'mqtt', 'lora-chirpstack'] as const;
const transportName = values.transport as (typeof TRANSPORTS)[number];
if (!TRANSPORTS.includes(transportName)) {
  fail(`--transport must be one of ${TRANSPORTS.join(', ')}, not "${values.transport}"`);
}
const isLora = transportName === 'lora-chirpstack';
const prefix = values.prefix ?? (isLora ? 'sim-lora-' : 'sim-');
const deviceCount = positiveInt('devices', values.devices);
const concurrency = positiveInt('concurrency', values.concurrency);
const rate = Number(values.rate);
if (!(rate > 0)) fail(`--rate must be a number above 0, not "${values.rate}"`);
let durationMs: number;
try {
  durationMs = parseDuration(values.duration);
} catch (error) {
  fail((error as Error).message);
}
if (prefix.trim() === '') fail('--prefix may not be empty');

// --secret belongs to --api-key when one is given, else to --integration (both: name them apart).
let credentials: Credentials;
const apiSecret = values['api-secret'] ?? (values['api-key'] !== undefined ? values.secret : undefined);
const integrationSecret =
  values['integration-secret'] ?? (values['api-key'] === undefined ? values.secret : undefined);
if (values['api-key'] !== undefined) {
  if (!apiSecret) fail('--api-key needs --secret <client secret> (or --api-secret)');
  credentials = { clientId: values['api-key'], clientSecret: apiSecret };
} else if (values.email !== undefined) {
  if (!values.password) fail('--email needs --password');
  credentials = { email: values.email, password: values.password };
} else credentials = DEMO_ADMIN;
if (isLora && (!values.integration || !integrationSecret)) {
  fail(
    '--transport lora-chirpstack needs --integration <id> --secret <secret> of a ChirpStack integration ' +
      '(with --api-key, give it as --integration-secret)',
  );
}

/** Without --project: the first project (by name) whose limits leave room for the devices. */
function roomFor(p: Project, devices: number): boolean {
  const network = isLora ? 'LORA' : 'INTERNET';
  const total = p.limits.devices;
  const perType = p.limits.devicesPerNetworkType[network];
  return (
    (total === null || p.usage.devices + devices <= total) &&
    (perType === null ||
      perType === undefined ||
      (p.usage.devicesPerNetworkType[network] ?? 0) + devices <= perType)
  );
}

/** HTTP or MQTT: internet devices, with fresh shared secrets (HTTP) or MQTT binding passwords. */
async function internetDevices(api: ApiClient, project: Project, flowId: string): Promise<Transport> {
  const rotatedAt = Date.now();
  const { devices, created, reused } = await ensureInternetDevices(api, {
    projectId: project.id,
    flowId,
    prefix,
    count: deviceCount,
    // HTTP uplinks are signed with the shared secret, which cannot be read back: reused devices get
    // a new one. MQTT devices log in with their binding's password instead.
    refreshSecrets: transportName === 'http',
  });
  let transport: Transport;
  if (transportName === 'http') {
    console.log(`Devices ready: ${created} created, ${reused} reused (with new shared secrets).`);
    if (reused > 0) {
      // A server remembers a device's lookup (and so its old secret) for up to 5 s.
      const wait = rotatedAt + 5_500 - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    transport = httpTransport(values.url, devices, concurrency);
  } else {
    const passwords = await ensureMqttBindings(
      api,
      devices.map((d) => d.id),
    );
    const brokerUrl = values['mqtt-url'] ?? `mqtt://${new URL(values.url).hostname}:1883`;
    console.log(
      `Devices ready: ${created} created, ${reused} reused; MQTT bindings with new passwords the server generated. Connecting to ${brokerUrl}…`,
    );
    transport = await mqttTransport(brokerUrl, devices, passwords);
  }

  return transport;
}

/** ChirpStack: LoRa devices (Elsys ERS) whose network server posts their uplinks to the webhook. */
async function loraDevices(api: ApiClient, project: Project, flowId: string): Promise<Transport> {
  const { devices, created, reused } = await ensureLoraDevices(api, {
    projectId: project.id,
    flowId,
    prefix,
    count: deviceCount,
  });
  console.log(`Devices ready: ${created} created, ${reused} reused (Elsys ERS, by DevEUI).`);
  return chirpstackTransport(
    values.url,
    { id: values.integration!, secret: integrationSecret! },
    devices,
    concurrency,
  );
}

async function main() {
  const api = await ApiClient.signIn(values.url, credentials);
  let project: Project;
  if (values.project) project = await api.project(values.project);
  else {
    const projects = await api.projects();
    const found = projects.find((p) => roomFor(p, deviceCount));
    if (!found) fail(`no project has room for ${deviceCount} more devices: choose one with --project`);
    project = found;
  }
  const { flow, created: flowCreated } = await api.flow(project.id, values.flow, true);
  console.log(
    `Project "${project.name}", flow "${flow.name}"${flowCreated ? ' (created)' : ''}: preparing ${deviceCount} devices named ${prefix}0001…`,
  );
  const transport = isLora
    ? await loraDevices(api, project, flow.id)
    : await internetDevices(api, project, flow.id);
  const sensors = Array.from({ length: deviceCount }, (_, i) => new SimulatedSensor(i));
  const send = (index: number) => {
    const i = index % deviceCount;
    return transport.send(i, sensors[i]!.next());
  };

  console.log(
    `Sending ${rate}/s for ${(durationMs / 1000).toFixed(0)} s over ${transport.target} (Ctrl+C stops)…`,
  );
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const load = driveLoad({ durationMs, concurrency, rate, send });
  const onSigint = () => {
    console.log('\nStopping: waiting for the answers in flight…');
    load.stop();
  };
  process.once('SIGINT', onSigint);
  let last = { at: started, sent: 0 };
  const progress = setInterval(() => {
    const r = load.live();
    const now = performance.now();
    const perSecond = ((r.sent - last.sent) * 1000) / (now - last.at);
    last = { at: now, sent: r.sent };
    console.log(
      `  ${String(Math.round((now - started) / 1000)).padStart(4)} s  sent ${r.sent}  accepted ${r.accepted}  failed ${r.failed}  (${perSecond.toFixed(0)}/s)`,
    );
  }, 5_000);
  const result = await load.done;
  clearInterval(progress);
  process.off('SIGINT', onSigint);
  await transport.close();
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = result.elapsedMs / 1000;

  console.log(
    `\nSent ${result.sent} uplinks in ${seconds.toFixed(1)} s (${(result.sent / seconds).toFixed(1)}/s) from ${deviceCount} devices`,
  );
  console.log(`  accepted  ${result.accepted}`);
  console.log(`  failed    ${result.failed}`);
  const outcomes = Object.entries(result.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label} × ${n}`)
    .join(', ');
  console.log(`  answers   ${outcomes || 'none'}`);
  console.log(
    `  ack latency  p50 ${fmtMs(percentile(result.latenciesMs, 50))}  p99 ${fmtMs(percentile(result.latenciesMs, 99))}  max ${fmtMs(percentile(result.latenciesMs, 100))}`,
  );
  if (result.late > 0)
    console.log(
      `  ${result.late} sends left late: all ${concurrency} connections were busy (raise --concurrency)`,
    );
  console.log(`  simulator CPU ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core`);
  process.exitCode = result.failed > 0 ? 1 : 0;
}

function fmtMs(ms: number): string {
  return Number.isNaN(ms) ? '–' : `${ms.toFixed(1)} ms`;
}

main().catch((error: unknown) => {
  console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
