import { IccidSchema, luhnCheckDigit, type Sim, type SimStatus } from '@openthings/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  devices,
  deviceTypes,
  networkAdapters,
  simulatedCarrierSims,
} from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import {
  attachSimToDevice,
  detachSimFromDevice,
  findSimForLink,
  findSimOfDevice,
  provisionDemoSims,
} from './connectivity.service.ts';
import { createSimulatedCarrier } from './simulated-carrier.ts';

type Customer = Awaited<ReturnType<TestApp['customer']>>;
let t: TestApp;
let acme: Customer;
let other: Customer;
/** Acme's SIMs A–F in ICCID order. */
let A: Sim, B: Sim, C: Sim, D: Sim, Retired: Sim, F: Sim;
let otherSim: Sim;
const imeis = [1, 2].map((n) => {
  const payload = `35729274864${String(n).padStart(3, '0')}`;
  return `${payload}${luhnCheckDigit(payload)}`;
});
let d1: string, d2: string, d3: string, otherDevice: string;

const get = (path: string, c: Customer = acme) => t.request('GET', path, { cookie: c.cookie });
const link = (sim: Sim, deviceId: string) =>
  t.request('POST', `/api/sims/${sim.id}/device`, { cookie: acme.cookie, body: { deviceId } });
const swap = (sim: Sim, newIccid: string) =>
  t.request('POST', `/api/sims/${sim.id}/swap`, { cookie: acme.cookie, body: { newIccid } });
const auditOf = (id: string, action: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, id), eq(auditLog.action, action)));

async function provision(c: Customer, statuses: SimStatus[]): Promise<Sim[]> {
  await createSimulatedCarrier(t.deps.db, t.deps.now).provisionSims(c.customerId, statuses.length, {
    statuses,
  });
  await t.request('POST', '/api/sims/sync', { cookie: c.cookie });
  return (await get('/api/sims', c)).json.data;
}

/** A device row as the devices feature would make it, with an M2M adapter carrying its IMEI. */
async function device(c: Customer, imei: string | null): Promise<string> {
  const deviceTypeId = `connectivity-test-${c.customerId}`;
  await t.deps.db
    .insert(deviceTypes)
    .values({ id: deviceTypeId, customerId: c.customerId, name: 'Test M2M', networkTypes: ['M2M'] })
    .onConflictDoNothing();
  const [row] = await t.deps.db
    .insert(devices)
    .values({
      customerId: c.customerId,
      projectId: c.projectId,
      name: 'tracker',
      deviceTypeId,
      processingStatus: 'ACTIVE',
    })
    .returning({ id: devices.id });
  if (imei) {
    await t.deps.db
      .insert(networkAdapters)
      .values({ customerId: c.customerId, deviceId: row!.id, networkType: 'M2M', identifier: imei });
  }
  return row!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  other = await t.customer('Other');
  [A, B, C, D, Retired, F] = (await provision(acme, [
    'ACTIVATED',
    'ACTIVATED',
    'ACTIVATION_READY',
    'DEACTIVATED',
    'RETIRED',
    'ACTIVATED',
  ])) as [Sim, Sim, Sim, Sim, Sim, Sim];
  [otherSim] = (await provision(other, ['ACTIVATED'])) as [Sim];
  d1 = await device(acme, imeis[0]!);
  d2 = await device(acme, imeis[1]!);
  d3 = await device(acme, null);
  otherDevice = await device(other, null);
});
afterAll(() => t.close());

describe('POST /api/sims/{id}/device', () => {
  it("links a SIM to a device with the device's IMEI: one SIM per device, one device per SIM", async () => {
    const res = await link(A, d1);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: A.id, deviceId: d1, imei: imeis[0] });
    expect((await link(A, d1)).status).toBe(200);
    expect(await auditOf(A.id, 'sim.device_linked')).toHaveLength(1);

    const second = await link(B, d1);
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ code: 'connectivity.device_has_sim' });
    expect(second.json.detail).toContain(A.iccid);
    expect((await link(A, d2)).json.code).toBe('connectivity.sim_linked');
    expect((await link(Retired, d2)).json.code).toBe('connectivity.sim_retired');

    expect((await link(C, d3)).json).toMatchObject({ deviceId: d3, imei: null });
    const linked = await get('/api/sims?linked=true');
    expect(linked.json.data.map((s: Sim) => s.id)).toEqual([A.id, C.id]);
  });

  it('refuses devices outside the account with a field error', async () => {
    for (const deviceId of [otherDevice, '00000000-0000-4000-8000-000000000000']) {
      const res = await link(B, deviceId);
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual({ 'body.deviceId': ['No device with this id'] });
    }
    expect((await link(B, 'tracker-1')).json.errors).toEqual({
      'body.deviceId': ['deviceId must be a uuid'],
    });
    expect((await get(`/api/sims?iccid=${B.iccid}`)).json.data[0].deviceId).toBeNull();
  });
});

describe('DELETE /api/sims/{id}/device', () => {
  it('unlinks, and unlinking again changes nothing', async () => {
    const path = `/api/sims/${C.id}/device`;
    const res = await t.request('DELETE', path, { cookie: acme.cookie });
    expect(res.json).toMatchObject({ deviceId: null, imei: null });
    const again = await t.request('DELETE', path, { cookie: acme.cookie });
    expect(again.status).toBe(200);
    expect(await auditOf(C.id, 'sim.device_unlinked')).toHaveLength(1);
  });
});

describe('POST /api/sims/{id}/swap', () => {
  it('moves the device and its IMEI to the new SIM and unlinks the old one', async () => {
    const res = await swap(A, F.iccid);
    expect(res.status).toBe(200);
    expect(res.json.from).toMatchObject({ id: A.id, deviceId: null, imei: null });
    expect(res.json.to).toMatchObject({ id: F.id, deviceId: d1, imei: imeis[0] });
    expect(await auditOf(A.id, 'sim.swapped')).toHaveLength(1);
    expect((await auditOf(F.id, 'sim.swapped'))[0]!.changes).toEqual({
      deviceId: d1,
      swappedFrom: A.iccid,
    });
  });

  it('refuses impossible swaps and leaves the device where it was', async () => {
    expect((await swap(A, B.iccid)).json.code).toBe('connectivity.sim_not_linked');
    expect((await link(B, d2)).status).toBe(200);
    expect((await swap(F, B.iccid)).json.code).toBe('connectivity.sim_linked');
    expect((await swap(F, Retired.iccid)).json.code).toBe('connectivity.sim_retired');
    const cases: [string, string][] = [
      [otherSim.iccid, 'No SIM with this ICCID in your account'],
      [F.iccid, 'This is the SIM already in the device'],
      ['8931087119012345678', 'This ICCID is not valid: its check digit does not match (Luhn)'],
      ['8931', 'ICCID must be 19 or 20 digits'],
    ];
    for (const [newIccid, message] of cases) {
      const res = await swap(F, newIccid);
      expect(res.status, newIccid).toBe(400);
      expect(Object.keys(res.json.errors)).toEqual(['body.newIccid']);
      expect(res.json.errors['body.newIccid'][0]).toBe(message);
    }
    expect((await get(`/api/sims?iccid=${F.iccid}`)).json.data[0].deviceId).toBe(d1);
  });
});

describe('for the devices feature', () => {
  it('finds, attaches and detaches SIMs inside the caller transaction', async () => {
    await t.deps.db.transaction(async (tx) => {
      expect(await findSimForLink(tx, acme.customerId, D.iccid)).toEqual({
        id: D.id,
        iccid: D.iccid,
        status: 'DEACTIVATED',
        deviceId: null,
      });
      expect(await findSimForLink(tx, acme.customerId, otherSim.iccid)).toBeUndefined();
      const attached = await attachSimToDevice(tx, acme.customerId, D.iccid, {
        deviceId: d3,
        imei: '490154203237518',
      });
      expect(attached).toMatchObject({ id: D.id, deviceId: d3, imei: '490154203237518' });
      expect((await findSimOfDevice(tx, acme.customerId, d3))?.id).toBe(D.id);
      await expect(
        attachSimToDevice(tx, acme.customerId, Retired.iccid, { deviceId: d3, imei: null }),
      ).rejects.toMatchObject({ code: 'connectivity.sim_retired' });
      await expect(
        attachSimToDevice(tx, acme.customerId, otherSim.iccid, { deviceId: d3, imei: null }),
      ).rejects.toMatchObject({ code: 'resource.not_found' });
      expect(await detachSimFromDevice(tx, acme.customerId, D.iccid)).toBe(true);
      expect(await detachSimFromDevice(tx, acme.customerId, D.iccid)).toBe(false);
    });
    expect(await findSimOfDevice(t.deps.db, acme.customerId, d3)).toBeUndefined();
  });

  it('provisions demo SIMs in every status into a project', async () => {
    const demo = await provisionDemoSims(t.deps.db, acme.customerId, acme.projectId, 12, t.deps.now());
    expect(demo).toHaveLength(12);
    expect(new Set(demo.map((s) => s.status))).toEqual(
      new Set(['ACTIVATED', 'ACTIVATION_READY', 'DEACTIVATED', 'RETIRED']),
    );
    expect(demo.filter((s) => s.status === 'RETIRED')).toHaveLength(1);
    for (const sim of demo) {
      expect(IccidSchema.parse(sim.iccid)).toBe(sim.iccid);
      expect(sim).toMatchObject({ projectId: acme.projectId, lastSyncAt: t.deps.now().toISOString() });
    }
  });
});

describe('carrier reassignment', () => {
  it("drops the old owner's device and project when the carrier moves a SIM to another customer", async () => {
    await t.deps.db
      .update(simulatedCarrierSims)
      .set({ customerId: other.customerId })
      .where(eq(simulatedCarrierSims.iccid, B.iccid));
    expect((await get(`/api/sims/${B.id}`)).status).toBe(404);
    const moved = (await get(`/api/sims?iccid=${B.iccid}`, other)).json.data;
    expect(moved).toHaveLength(1);
    expect(moved[0]).toMatchObject({ id: B.id, deviceId: null, projectId: null, imei: null });
  });
});
