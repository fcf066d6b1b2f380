import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDemoSims } from '../features/connectivity/connectivity.service.ts';
import { insertDeviceType } from '../features/device-types/device-types.repo.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let a: Awaited<ReturnType<TestApp['customer']>>;
let b: Awaited<ReturnType<TestApp['customer']>>;

/**
 * For every `GET …/{id}…` route (keyed by the path up to `{id}`): how to make one object of that kind in
 * customer B. A new route without an entry here fails the test below, so no resource escapes the
 * tenancy check.
 */
const makeInB: Record<string, () => Promise<string>> = {
  '/api/projects/{id}': async () => b.projectId,
  '/api/users/{id}': async () => b.userId,
  '/api/api-keys/{id}': async () => (await t.bearer(b.cookie, ['manager:read'])).keyId,
  '/api/sims/{id}': async () =>
    (await provisionDemoSims(t.deps.db, b.customerId, b.projectId, 1, new Date()))[0]!.id,
  '/api/devices/{id}': async () => (await internetDevice()).deviceId,
  '/api/device-groups/{id}': async () => b.flowId,
  '/api/http/bindings/{id}': async () => {
    const { deviceId } = await internetDevice();
    const res = await t.request('GET', `/api/http/bindings?deviceId=${deviceId}`, { cookie: b.cookie });
    return res.json.data[0].id;
  },
  '/api/mqtt/bindings/{id}': async () => {
    const { deviceId } = await internetDevice();
    const res = await t.request('POST', '/api/mqtt/bindings', {
      cookie: b.cookie,
      body: { deviceId, password: 'Mqtt-Password-For-Tests-2026!' },
    });
    return res.json.id;
  },
  '/api/lora/bindings/{id}': async () => {
    const device = await t.request('POST', '/api/devices', {
      cookie: b.cookie,
      body: { projectId: b.projectId, deviceTypeId: 'generic-lora-programmable', name: 'B LoRa' },
    });
    const adapter = await t.request('POST', `/api/devices/${device.json.id}/network-adapters`, {
      cookie: b.cookie,
      body: { type: 'LORA' },
    });
    if (adapter.status !== 201) throw new Error(`${device.text} ${adapter.text}`);
    const res = await t.request('GET', `/api/lora/bindings?deviceId=${device.json.id}`, { cookie: b.cookie });
    return res.json.data[0].id;
  },
  '/api/devices/bulk-reports/{id}': async () => {
    const res = await t.request(
      'POST',
      `/api/devices/bulk?deviceTypeId=generic-internet&projectId=${b.projectId}`,
      {
        cookie: b.cookie,
        rawBody: `name,dvnUuid\r\nBulk B,${crypto.randomUUID()}\r\n`,
        contentType: 'text/csv',
      },
    );
    return res.json.id;
  },
  '/api/destinations/{id}': async () => {
    const res = await t.request('POST', '/api/destinations', {
      cookie: b.cookie,
      body: { kind: 'TEST', name: 'B inbox' },
    });
    return res.json.destination.id;
  },
  '/api/lora/integrations/{id}': async () => {
    const res = await t.request('POST', '/api/lora/integrations', {
      cookie: b.cookie,
      body: { kind: 'chirpstack', name: 'B network server' },
    });
    return res.json.id;
  },
  '/api/views/{id}': async () => {
    const res = await t.request('POST', '/api/views', {
      cookie: b.cookie,
      body: { table: 'devices', name: `B view ${Math.random()}`, state: { filters: {} } },
    });
    return res.json.id;
  },
  '/api/device-types/{id}': async () => {
    const id = `own-b-${Math.random().toString(36).slice(2)}`;
    await insertDeviceType(t.deps.db, {
      id,
      customerId: b.customerId,
      name: 'B own type',
      networkTypes: ['INTERNET'],
    });
    return id;
  },
};

async function internetDevice() {
  const device = await t.request('POST', '/api/devices', {
    cookie: b.cookie,
    body: { projectId: b.projectId, deviceTypeId: 'generic-internet', name: `B device ${Math.random()}` },
  });
  const adapter = await t.request('POST', `/api/devices/${device.json.id}/network-adapters`, {
    cookie: b.cookie,
    body: { type: 'INTERNET', dvnUuid: crypto.randomUUID() },
  });
  if (adapter.status !== 201) throw new Error(adapter.text);
  return { deviceId: device.json.id as string };
}

beforeAll(async () => {
  t = await createTestApp();
  a = await t.customer('Alpha', ['admin', 'manager:admin', 'creator:admin', 'support:user', 'finance:read']);
  b = await t.customer('Bravo', ['admin', 'manager:admin', 'creator:admin', 'support:user', 'finance:read']);
});
afterAll(() => t.close());

describe('tenancy', () => {
  it("answers 404 on every GET {id} route for another customer's id", async () => {
    const routes = t.router.contracts.filter((c) => c.method === 'get' && c.path.includes('{id}'));
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const made = new Map<string, string>();
    for (const route of routes) {
      const prefix = route.path.slice(0, route.path.indexOf('{id}') + 4);
      const make = makeInB[prefix];
      expect(make, `no factory for ${route.path}: add one to makeInB`).toBeDefined();
      const id = made.get(prefix) ?? (await make!());
      made.set(prefix, id);
      const path = route.path.replace('{id}', id);
      const own = await t.request('GET', path, { cookie: b.cookie });
      expect(own.status, `${path} as its owner`).toBe(200);
      const other = await t.request('GET', path, { cookie: a.cookie });
      expect(other.status, `${path} as another customer`).toBe(404);
      expect(other.json.code).toBe('resource.not_found');
    }
  });

  it("never lists another customer's objects", async () => {
    for (const path of ['/api/projects', '/api/users', '/api/api-keys']) {
      const res = await t.request('GET', `${path}?limit=500`, { cookie: a.cookie });
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.json);
      expect(text).not.toContain(b.projectId);
      expect(text).not.toContain(b.userId);
    }
  });

  it("does not change another customer's project", async () => {
    const res = await t.request('PATCH', `/api/projects/${b.projectId}`, {
      cookie: a.cookie,
      body: { name: 'taken' },
    });
    expect(res.status).toBe(404);
    const own = await t.request('GET', `/api/projects/${b.projectId}`, { cookie: b.cookie });
    expect(own.json.name).toBe('My first project');
  });
});

describe('X-Customer-Context', () => {
  it('lets a reseller act in its sub-customer and nowhere else', async () => {
    const reseller = await t.customer('Reseller', ['admin', 'manager:admin'], { isReseller: true });
    const sub = await t.customer('Sub', ['admin'], { resellerId: reseller.customerId });

    const customers = await t.request('GET', '/api/customers', { cookie: reseller.cookie });
    expect(customers.json.data.map((c: { id: string }) => c.id)).toEqual([
      reseller.customerId,
      sub.customerId,
    ]);

    const inSub = await t.request('GET', '/api/projects', {
      cookie: reseller.cookie,
      headers: { 'x-customer-context': sub.customerId },
    });
    expect(inSub.status).toBe(200);
    expect(inSub.json.data.map((p: { id: string }) => p.id)).toEqual([sub.projectId]);

    const me = await t.request('GET', '/api/auth/me', {
      cookie: reseller.cookie,
      headers: { 'x-customer-context': sub.customerId },
    });
    expect(me.json.user.actingCustomer.id).toBe(sub.customerId);
    expect(me.json.user.customer.id).toBe(reseller.customerId);

    const patch = await t.request('PATCH', `/api/projects/${sub.projectId}`, {
      cookie: reseller.cookie,
      headers: { 'x-customer-context': sub.customerId },
      body: { description: 'managed by reseller' },
    });
    expect(patch.status).toBe(200);

    for (const value of [a.customerId, 'not-a-uuid', `${sub.customerId},${sub.customerId}`, '']) {
      const res = await t.request('GET', '/api/projects', {
        cookie: reseller.cookie,
        headers: { 'x-customer-context': value },
      });
      expect(res.status, value).toBe(403);
      expect(res.json.code).toBe('auth.customer_context');
    }
    // A sub-customer cannot climb up to its reseller.
    const up = await t.request('GET', '/api/projects', {
      cookie: sub.cookie,
      headers: { 'x-customer-context': reseller.customerId },
    });
    expect(up.status).toBe(403);
  });
});
