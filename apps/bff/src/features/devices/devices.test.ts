import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { provisionDemoSims } from '../connectivity/connectivity.service.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';
import { addDevice } from './devices.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
let fleet: { projectId: string; flowId: string };

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  const ids = await createProjectWithFlow(t.deps.db, {
    customerId: acme.customerId,
    name: 'Fleet',
    subscription: 'Modular',
    flowName: 'Fleet flow',
  });
  fleet = { projectId: ids.projectId, flowId: ids.flowId! };
});
afterAll(() => t.close());

const call = (method: string, path: string, body?: unknown) =>
  t.request(method, path, { cookie: acme.cookie, body });

async function device(
  deviceTypeId: string,
  name = `dev-${Math.random().toString(36).slice(2, 8)}`,
  projectId = fleet.projectId,
) {
  const res = await call('POST', '/api/devices', { projectId, deviceTypeId, name });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; processingStatus: string };
}

describe('registering devices per network type', () => {
  it('registers an internet device with a generated shared secret shown once', async () => {
    const d = await device('generic-internet', 'Weather station');
    expect(d.processingStatus).toBe('INVENTORY');
    const dvnUuid = '0B8A1F4E-3C2D-4E5F-8A9B-1C2D3E4F5A6B';
    const res = await call('POST', `/api/devices/${d.id}/network-adapters`, { type: 'INTERNET', dvnUuid });
    expect(res.status).toBe(201);
    expect(res.json.adapter).toMatchObject({
      type: 'INTERNET',
      dvnUuid: dvnUuid.toLowerCase(),
      hasSharedSecret: true,
    });
    expect(res.json.secrets.sharedSecret).toMatch(/^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z\d]).{32,}$/);
    const listed = await call('GET', `/api/devices/${d.id}/network-adapters`);
    expect(JSON.stringify(listed.json)).not.toContain(res.json.secrets.sharedSecret);
    const after = await call('GET', `/api/devices/${d.id}`);
    expect(after.json).toMatchObject({
      processingStatus: 'NOT_LINKED',
      networkType: 'INTERNET',
      primaryIdentifier: dvnUuid.toLowerCase(),
      urn: `urn:dev:DVNUUID:${dvnUuid.toLowerCase()}:`,
    });
    const bindings = await call('GET', `/api/http/bindings?deviceId=${d.id}`);
    expect(bindings.json.data).toEqual([
      expect.objectContaining({ type: 'http-senml', urn: after.json.urn }),
    ]);
  });

  it('generates DevEUI, AppEUI and AppKey for programmable LoRa devices', async () => {
    const d = await device('generic-lora-programmable');
    const res = await call('POST', `/api/devices/${d.id}/network-adapters`, { type: 'LORA' });
    expect(res.status).toBe(201);
    expect(res.json.adapter.devEui).toMatch(/^[0-9A-F]{16}$/);
    expect(res.json.adapter.appEui).toMatch(/^[0-9A-F]{16}$/);
    expect(res.json.adapter).toMatchObject({
      networkStatus: 'PENDING_CREATION',
      connectivityPlanId: 'lora-basic',
    });
    expect(res.json.secrets.appKey).toMatch(/^[0-9A-F]{32}$/);
    const lora = await call('GET', `/api/lora/bindings?deviceId=${d.id}`);
    expect(lora.json.data[0]).toMatchObject({ devEui: res.json.adapter.devEui, status: 'INVENTORY' });
  });

  it('takes the identifiers of preset LoRa devices, normalised, and requires them', async () => {
    const d = await device('generic-lora-preset');
    const missing = await call('POST', `/api/devices/${d.id}/network-adapters`, { type: 'LORA' });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json.errors).sort()).toEqual(['body.appEui', 'body.appKey', 'body.devEui']);
    const bad = await call('POST', `/api/devices/${d.id}/network-adapters`, { type: 'LORA', devEui: 'XYZ' });
    expect(bad.json.errors['body.devEui']).toEqual(['DevEUI must be 16 hexadecimal characters']);
    const ok = await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'LORA',
      devEui: '70-b3-d5-7e-d0-00-12-34',
      appEui: '70B3D57ED0001235',
      appKey: '000102030405060708090a0b0c0d0e0f',
      connectivityPlanId: 'lora-geolocation',
    });
    expect(ok.status).toBe(201);
    expect(ok.json.adapter).toMatchObject({
      devEui: '70B3D57ED0001234',
      connectivityPlanId: 'lora-geolocation',
    });
    expect(ok.json.secrets).toEqual({});
  });

  it('links an M2M device to a SIM of the account and checks IMEI and ICCID', async () => {
    const sims = await t.deps.db.transaction((tx) =>
      provisionDemoSims(tx, acme.customerId, fleet.projectId, 8, new Date()),
    );
    const [sim, other] = sims.filter((s) => s.status === 'ACTIVATED');
    const d = await device('own-m2m', 'Tracker 1');
    const badImei = await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'M2M',
      imei: '357292748642777',
      iccid: sim!.iccid,
    });
    expect(badImei.status).toBe(400);
    expect(badImei.json.errors['body.imei']).toEqual([
      'This IMEI is not valid: its check digit does not match (Luhn)',
    ]);
    const ok = await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'M2M',
      imei: '357292748642776',
      iccid: sim!.iccid,
    });
    expect(ok.status, ok.text).toBe(201);
    expect(ok.json.adapter).toMatchObject({
      imei: '357292748642776',
      iccid: sim!.iccid,
      urn: 'urn:dev:IMEI:357292748642776:',
    });
    const linked = await call('GET', `/api/sims/${sim!.id}`);
    expect(linked.json.deviceId).toBe(d.id);

    // The same SIM cannot serve a second device.
    const d2 = await device('own-m2m', 'Tracker 2');
    const busy = await call('POST', `/api/devices/${d2.id}/network-adapters`, {
      type: 'M2M',
      imei: '490154203237518',
      iccid: sim!.iccid,
    });
    expect(busy.status).toBe(409);
    expect(busy.json.errors['body.iccid']).toEqual(['This SIM is already linked to another device']);

    // Switching SIM moves the link.
    const adapterId = ok.json.adapter.id;
    const sw = await call('PATCH', `/api/devices/${d.id}/network-adapters/${adapterId}`, {
      iccid: other!.iccid,
    });
    expect(sw.status, sw.text).toBe(200);
    expect((await call('GET', `/api/sims/${sim!.id}`)).json.deviceId).toBeNull();
    expect((await call('GET', `/api/sims/${other!.id}`)).json.deviceId).toBe(d.id);
  });

  it('accepts an early-access SIM that is not in the account', async () => {
    const d = await device('own-m2m');
    const res = await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'M2M',
      imei: '353456789012348',
      iccid: '89310410106543789305',
      earlyAccess: true,
    });
    expect(res.status, res.text).toBe(201);
    const unknown = await call('POST', `/api/devices/${(await device('own-m2m')).id}/network-adapters`, {
      type: 'M2M',
      imei: '356938035643809',
      iccid: '8931041010654378932',
    });
    expect(unknown.status).toBe(409);
    expect(unknown.json.code).toBe('devices.sim_unavailable');
  });

  it('refuses a network type the device type does not support', async () => {
    const d = await device('generic-internet');
    const res = await call('POST', `/api/devices/${d.id}/network-adapters`, { type: 'LORA' });
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('devices.network_not_supported');
  });
});

describe('network identifiers', () => {
  it('are unique per network type across all customers', async () => {
    const other = await t.customer('Other');
    const dvnUuid = crypto.randomUUID();
    const mine = await device('generic-internet');
    expect(
      (await call('POST', `/api/devices/${mine.id}/network-adapters`, { type: 'INTERNET', dvnUuid })).status,
    ).toBe(201);
    const theirs = await t.request('POST', '/api/devices', {
      cookie: other.cookie,
      body: { projectId: other.projectId, deviceTypeId: 'generic-internet', name: 'copy' },
    });
    const res = await t.request('POST', `/api/devices/${theirs.json.id}/network-adapters`, {
      cookie: other.cookie,
      body: { type: 'INTERNET', dvnUuid },
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe('The network identifier already exists for this network type');
    expect(res.json.errors['body.dvnUuid']).toBeDefined();
  });

  it('cannot change once set: the same value is a no-op, another a 400', async () => {
    const d = await device('generic-internet');
    const dvnUuid = crypto.randomUUID();
    const created = await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'INTERNET',
      dvnUuid,
    });
    const path = `/api/devices/${d.id}/network-adapters/${created.json.adapter.id}`;
    const same = await call('PATCH', path, { dvnUuid });
    expect(same.status).toBe(200);
    expect(same.json.modifiedAt).toBe(created.json.adapter.modifiedAt);
    const other = await call('PATCH', path, { dvnUuid: crypto.randomUUID() });
    expect(other.status).toBe(400);
    expect(other.json.code).toBe('devices.identifier_immutable');
    expect(other.json.errors['body.dvnUuid']).toBeDefined();
  });
});

describe('project limits', () => {
  it('allow three LoRa devices in a Freemium project and refuse the fourth with the exact message', async () => {
    for (let i = 0; i < 3; i++) await device('generic-lora-preset', `lora ${i}`, acme.projectId);
    const res = await call('POST', '/api/devices', {
      projectId: acme.projectId,
      deviceTypeId: 'generic-lora-preset',
      name: 'lora 4',
    });
    expect(res.status).toBe(409);
    expect(res.json.detail).toBe(
      'Device could not be created: The maximum amount of devices for this product has been reached',
    );
    // M2M devices have their own allowance.
    await device('own-m2m', 'm2m 1', acme.projectId);
    await device('own-m2m', 'm2m 2', acme.projectId);
    expect(
      (
        await call('POST', '/api/devices', {
          projectId: acme.projectId,
          deviceTypeId: 'own-m2m',
          name: 'm2m 3',
        })
      ).status,
    ).toBe(409);
  });

  it('cap the flows of a project', async () => {
    const own = await t.customer('Flows');
    const make = (name: string) =>
      t.request('POST', '/api/device-groups', {
        cookie: own.cookie,
        body: { projectId: own.projectId, name },
      });
    expect((await make('second')).status).toBe(201);
    expect((await make('third')).status).toBe(201);
    const fourth = await make('fourth');
    expect(fourth.status).toBe(409);
    expect(fourth.json.detail).toBe(
      'Flow could not be created: The maximum amount of flows for this product has been reached',
    );
  });
});

describe('processing status, flows and deletion', () => {
  it('follows links, deactivation and activation', async () => {
    const d = await device('generic-internet');
    await call('POST', `/api/devices/${d.id}/network-adapters`, {
      type: 'INTERNET',
      dvnUuid: crypto.randomUUID(),
    });
    const status = async () => (await call('GET', `/api/devices/${d.id}`)).json.processingStatus;
    expect(await status()).toBe('NOT_LINKED');
    expect((await call('POST', `/api/device-groups/${fleet.flowId}/devices/${d.id}`)).status).toBe(204);
    expect((await call('POST', `/api/device-groups/${fleet.flowId}/devices/${d.id}`)).status).toBe(204);
    expect(await status()).toBe('ACTIVE');
    const got = await call('GET', `/api/devices/${d.id}`);
    expect(got.json).toMatchObject({ flowCount: 1, flowNames: ['Fleet flow'] });
    expect((await call('POST', `/api/devices/${d.id}/deactivate`)).json.processingStatus).toBe('DEACTIVATED');
    expect((await call('POST', `/api/devices/${d.id}/activate`)).json.processingStatus).toBe('ACTIVE');
    const flowsOfDevice = await call('GET', `/api/devices/${d.id}/device-groups`);
    expect(flowsOfDevice.json.data.map((f: { name: string }) => f.name)).toEqual(['Fleet flow']);
    expect((await call('DELETE', `/api/device-groups/${fleet.flowId}/devices/${d.id}`)).status).toBe(204);
    expect(await status()).toBe('NOT_LINKED');
  });

  it('refuses a flow of another project', async () => {
    const d = await device('generic-internet');
    const res = await call('POST', `/api/device-groups/${acme.flowId}/devices/${d.id}`);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('flows.wrong_project');
  });

  it('deletes a device permanently but never a managed one', async () => {
    const d = await device('generic-internet');
    expect((await call('DELETE', `/api/devices/${d.id}`)).status).toBe(204);
    expect((await call('GET', `/api/devices/${d.id}`)).status).toBe(404);
    const refused = await call('POST', '/api/devices', {
      projectId: fleet.projectId,
      deviceTypeId: 'things-lora-tracker',
      name: 'x',
    });
    expect(refused.json.code).toBe('devices.managed');
    const managedId = await t.deps.db.transaction((tx) =>
      addDevice(
        tx,
        'system',
        acme.customerId,
        {
          projectId: fleet.projectId,
          deviceTypeId: 'things-lora-tracker',
          name: 'Bought tracker',
          description: '',
        },
        new Date(),
        { managedAllowed: true },
      ),
    );
    const res = await call('DELETE', `/api/devices/${managedId}`);
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('devices.managed');
    expect((await call('GET', `/api/devices/${managedId}`)).json.deviceType.managed).toBe(true);
  });

  it('applies bulk actions device by device', async () => {
    const a = await device('generic-internet');
    const b = await device('generic-internet');
    const res = await call('POST', '/api/devices/bulk-actions', {
      action: 'deactivate',
      deviceIds: [a.id, b.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(res.status).toBe(200);
    expect(res.json.succeeded.sort()).toEqual([a.id, b.id].sort());
    expect(res.json.failed).toEqual([
      { id: '00000000-0000-4000-8000-000000000000', code: 'resource.not_found', detail: 'Device not found' },
    ]);
    expect((await call('GET', `/api/devices/${a.id}`)).json.processingStatus).toBe('DEACTIVATED');
    const noFlow = await call('POST', '/api/devices/bulk-actions', { action: 'link', deviceIds: [a.id] });
    expect(noFlow.json.errors['body.flowId']).toEqual(['Choose a flow']);
  });

  it('lets a read-only user look but not touch', async () => {
    const reader = await t.customer('Reader', ['manager:read']);
    const list = await t.request('GET', '/api/devices', { cookie: reader.cookie });
    expect(list.status).toBe(200);
    const create = await t.request('POST', '/api/devices', {
      cookie: reader.cookie,
      body: { projectId: reader.projectId, deviceTypeId: 'generic-internet', name: 'x' },
    });
    expect(create.status).toBe(403);
  });
});
