import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../env.ts';
import { listenMetrics } from '../http/serve.ts';
import { internetDevice } from '../testing/devices.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { createDeliverer } from './deliver/deliverer.ts';

const SECRET = 'Device-Secret-0123456789-abcdefXYZ!';
let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let device: Awaited<ReturnType<typeof internetDevice>>;
let receiver: Server;
let answers: number[] = [];

const post = (body: string, token = createHash('sha256').update(body).update(SECRET).digest('hex')) =>
  t.app.request('http://localhost/ingestion/ip/senml/v1', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'things-message-token': token },
    body,
  });
const pack = (v: number) => JSON.stringify([{ bn: device.urn, n: 'temperature', u: 'Cel', v }]);

/** The value of one sample of the exposition text, 0 when the series is absent. */
async function sample(series: string): Promise<number> {
  const text = (await t.request('GET', '/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Metrics');
  device = await internetDevice(t, acme, SECRET);
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(answers.shift() ?? 200).end());
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise<void>((r) => receiver.close(() => r()));
  await t.close();
});

describe('pipeline metrics on /metrics', () => {
  it('counts uplinks accepted and refused per connector, decodings per decoder, attempts per kind', async () => {
    const inbox = await t.request('POST', '/api/destinations', {
      cookie: acme.cookie,
      body: { kind: 'TEST', name: 'Inbox' },
    });
    const https = await t.request('POST', '/api/destinations', {
      cookie: acme.cookie,
      body: {
        kind: 'HTTPS',
        name: 'Receiver',
        config: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` },
      },
    });
    for (const d of [inbox, https]) {
      const linked = await t.request(
        'POST',
        `/api/device-groups/${acme.flowId}/destinations/${d.json.destination.id}`,
        {
          cookie: acme.cookie,
        },
      );
      expect(linked.status).toBe(204);
    }
    const ip = 'connector="http-senml-ip"';
    // The receiver fails the first delivery with 503 (a retry) and the second with 400 (a dead letter).
    answers = [503, 400];
    for (const v of [1, 2, 3]) {
      expect((await post(pack(v))).status).toBe(202);
      await t.pipeline.idle();
    }
    expect((await post(pack(4), '00')).status).toBe(401);
    expect((await post('[{"bn":"urn:dev:IMEI:1:","v":1}]')).status).toBe(400);
    expect((await post(JSON.stringify([{ bn: device.urn, n: 'x', v: 1, t: 9e12 }]))).status).toBe(400);
    const lora = await t.app.request(
      `http://localhost/ingestion/lora/chirpstack/v1/${crypto.randomUUID()}?event=up`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    );
    expect(lora.status).toBe(404);

    expect(await sample(`openthings_uplinks_accepted_total{${ip}}`)).toBe(3);
    expect(await sample(`openthings_uplinks_refused_total{${ip},code="ingest.bad_token"}`)).toBe(1);
    // Refused once each, however far they got (the connector or the ingest service).
    expect(await sample(`openthings_uplinks_refused_total{${ip},code="ingest.bad_senml"}`)).toBe(2);
    expect(
      await sample(
        'openthings_uplinks_refused_total{connector="lora-chirpstack",code="lora.unknown_integration"}',
      ),
    ).toBe(1);
    expect(
      await sample('openthings_decodings_total{decoder="SenML/ThingsML passthrough",outcome="ok"}'),
    ).toBe(3);
    expect(await sample('openthings_delivery_attempts_total{kind="TEST",outcome="succeeded"}')).toBe(3);
    expect(await sample('openthings_delivery_attempts_total{kind="HTTPS",outcome="retried"}')).toBe(1);
    expect(await sample('openthings_delivery_attempts_total{kind="HTTPS",outcome="dead"}')).toBe(1);
    expect(await sample('openthings_delivery_attempts_total{kind="HTTPS",outcome="succeeded"}')).toBe(1);
    expect(await sample('openthings_uplink_delivery_seconds_count{kind="TEST"}')).toBe(3);
    expect(await sample('openthings_uplink_delivery_seconds_count{kind="HTTPS"}')).toBe(1);
    // The queues as the tables hold them: the 503'd delivery waits for its retry.
    expect(await sample('openthings_pipeline_queue{queue="undelivered"}')).toBe(1);
    expect(await sample('openthings_pipeline_queue{queue="retry_waiting"}')).toBe(1);
    expect(await sample('openthings_pipeline_queue{queue="undecoded"}')).toBe(0);

    // Bounded labels: nothing names a device, a customer or a destination.
    const text = (await t.request('GET', '/metrics')).text;
    for (const id of [device.id, device.urn, acme.customerId, https.json.destination.id])
      expect(text).not.toContain(id);

    // A worker retrying counts in its own process the same way.
    t.advanceClock(60_000);
    const worker = createDeliverer(t.deps, () => 0.5);
    expect(await worker.deliverBatch()).toBe(1);
    await worker.close();
    expect(await sample('openthings_delivery_attempts_total{kind="HTTPS",outcome="succeeded"}')).toBe(2);
    expect(await sample('openthings_pipeline_queue{queue="undelivered"}')).toBe(0);
  });

  it('a worker serves them alone on its metrics port', async () => {
    const deps = { ...t.deps, env: readEnv({ HOST: '127.0.0.1', LOG_LEVEL: 'silent' }) };
    const server = await listenMetrics(deps, 0);
    try {
      const res = await fetch(`${server.url}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('openthings_pipeline_queue{queue="undelivered"}');
      expect((await fetch(`${server.url}/api/projects`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('the Grafana dashboard in docs/', () => {
  it('reads only metrics this process exposes', async () => {
    const path = fileURLToPath(new URL('../../../../docs/grafana/openthings-pipeline.json', import.meta.url));
    const dashboard = readFileSync(path, 'utf8');
    const used = new Set(
      [...dashboard.matchAll(/openthings_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')),
    );
    expect(used.size).toBeGreaterThan(8);
    const exposed = (await t.request('GET', '/metrics')).text;
    // The MQTT broker adds its gauge to the same registry when it runs (connectors/mqtt.test.ts).
    for (const name of used)
      if (!name.startsWith('openthings_mqtt_')) expect(exposed).toContain(`# TYPE ${name} `);
  });
});
