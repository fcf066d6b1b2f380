import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TestApp } from './test-app.ts';

export interface LnsCase {
  id: string;
  // biome-ignore lint/suspicious/noExplicitAny: the vector inputs are network-server JSON of every shape
  input: any;
  expected_extracted: Record<string, unknown> & { devEui: string; payloadHex: string; time: string };
}

// The vectors are copied into the repository (packages/domain/test/vectors, with their sources).
export const lnsVectors = JSON.parse(
  readFileSync(new URL('../../../../packages/domain/test/vectors/lns-uplinks.json', import.meta.url), 'utf8'),
) as { cases: LnsCase[] };
/** The message a network server posts: the cases wrap it with its query where the request has one. */
export const bodyOf = (c: LnsCase) => c.input.body ?? c.input;

type Customer = Awaited<ReturnType<TestApp['customer']>>;
export type TestIntegration = { id: string; kind: string; secret: string; webhookPath: string };

/** LoRa devices, integrations and webhook requests through the real HTTP API of `t`. */
export function loraFixtures(t: TestApp) {
  return {
    /** A preset LoRa device with this DevEUI in the customer's first flow. */
    async loraDevice(customer: Customer, devEui: string): Promise<string> {
      const device = await t.request('POST', '/api/devices', {
        cookie: customer.cookie,
        body: { projectId: customer.projectId, deviceTypeId: 'generic-lora-preset', name: `LoRa ${devEui}` },
      });
      const adapter = await t.request('POST', `/api/devices/${device.json.id}/network-adapters`, {
        cookie: customer.cookie,
        body: {
          type: 'LORA',
          devEui,
          appEui: '70B3D57ED0000000',
          appKey: '00112233445566778899AABBCCDDEEFF',
        },
      });
      if (adapter.status !== 201) throw new Error(`${device.text} ${adapter.text}`);
      await t.request('POST', `/api/device-groups/${customer.flowId}/devices/${device.json.id}`, {
        cookie: customer.cookie,
      });
      return device.json.id;
    },

    async integration(customer: Customer, kind: 'thingpark' | 'chirpstack'): Promise<TestIntegration> {
      const res = await t.request('POST', '/api/lora/integrations', {
        cookie: customer.cookie,
        body: { kind, name: `${kind} ${Math.random().toString(36).slice(2)}` },
      });
      if (res.status !== 201) throw new Error(res.text);
      return res.json;
    },

    /** The tunnel query as ThingPark's LRC builds it, hashed independently of the code under test. */
    tunnelQuery(up: Record<string, unknown>, asKey: string, time = t.deps.now().toISOString()): string {
      const params = {
        LrnDevEui: String(up.DevEUI),
        LrnFPort: String(up.FPort ?? 0),
        LrnInfos: 'TWA_100000000.1.AS-1-1',
        AS_ID: 'TWA_100000000.1.AS',
        Time: time.replace('Z', '+00:00'),
      };
      const elements = `${up.CustomerID}${up.DevEUI}${up.FPort ?? 0}${up.FCntUp ?? ''}${up.payload_hex ?? ''}`;
      const ordered = Object.entries(params)
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      const Token = createHash('sha256').update(`${elements}${ordered}${asKey}`).digest('hex');
      return new URLSearchParams({ ...params, Token }).toString();
    },

    post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
      return Promise.resolve(
        t.app.request(`http://localhost${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      );
    },
  };
}

export const bearer = (secret: string): Record<string, string> => ({ authorization: `Bearer ${secret}` });
