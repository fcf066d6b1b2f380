import type { TestApp } from './test-app.ts';

type Customer = Awaited<ReturnType<TestApp['customer']>>;

/**
 * An internet device of `customer` with this shared secret, in the customer's first flow, made through
 * the HTTP API: what a test of the uplink path starts from.
 */
export async function internetDevice(t: TestApp, customer: Customer, sharedSecret: string, name = 'Station') {
  const dvnUuid = crypto.randomUUID();
  const d = await t.request('POST', '/api/devices', {
    cookie: customer.cookie,
    body: { projectId: customer.projectId, deviceTypeId: 'generic-internet', name },
  });
  await t.request('POST', `/api/devices/${d.json.id}/network-adapters`, {
    cookie: customer.cookie,
    body: { type: 'INTERNET', dvnUuid, sharedSecret },
  });
  await t.request('POST', `/api/device-groups/${customer.flowId}/devices/${d.json.id}`, {
    cookie: customer.cookie,
  });
  return { id: d.json.id as string, dvnUuid, urn: `urn:dev:DVNUUID:${dvnUuid}:` };
}
