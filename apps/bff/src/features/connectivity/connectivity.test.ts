import type { Actor, Sim, SimStatus } from '@openthings/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { CarrierUnavailableError } from './carrier.ts';
import { createConnectivityService } from './connectivity.service.ts';
import { findCarrierRecord, updateCarrierRecord } from './simulated-carrier.repo.ts';
import { createSimulatedCarrier } from './simulated-carrier.ts';

type Customer = Awaited<ReturnType<TestApp['customer']>>;
let t: TestApp;
let acme: Customer;
let other: Customer;
/** Acme's SIMs in ICCID order; statuses cycle Activated, Activation Ready, Deactivated. */
let sims: Sim[];
let otherSim: Sim;

const get = (path: string, c: Customer = acme) => t.request('GET', path, { cookie: c.cookie });
const patch = (id: string, body: unknown, c: Customer = acme) =>
  t.request('PATCH', `/api/sims/${id}`, { cookie: c.cookie, body });
const auditOf = (id: string) => t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
/** Our stored copy, read through the list (a GET by id would refresh it from the carrier first). */
const stored = async (sim: Sim): Promise<Sim> => (await get(`/api/sims?iccid=${sim.iccid}`)).json.data[0];

async function provision(c: Customer, statuses: SimStatus[]) {
  await createSimulatedCarrier(t.deps.db, t.deps.now).provisionSims(c.customerId, statuses.length, {
    statuses,
  });
  const res = await t.request('POST', '/api/sims/sync', { cookie: c.cookie });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  other = await t.customer('Other');
  const cycle: SimStatus[] = ['ACTIVATED', 'ACTIVATION_READY', 'DEACTIVATED'];
  await provision(
    acme,
    Array.from({ length: 12 }, (_, i) => cycle[i % 3]!),
  );
  await provision(other, ['ACTIVATED']);
  sims = (await get('/api/sims?limit=500')).json.data;
  otherSim = (await get('/api/sims', other)).json.data[0];
});
afterAll(() => t.close());

describe('GET /api/sims', () => {
  it('finds ICCIDs containing the typed digits anywhere, with totals on request', async () => {
    const all = await get('/api/sims?includeTotal=true&limit=500');
    expect(all.json.meta.total).toBe(12);
    expect(sims.map((s) => s.iccid)).toEqual(sims.map((s) => s.iccid).sort());
    expect(sims.every((s) => s.apn === 'things.m2m' && s.lastSyncAt !== null)).toBe(true);

    const middle = sims[5]!.iccid.slice(12, 17);
    const found = await get(`/api/sims?iccid=${middle}&includeTotal=true`);
    expect(found.json.data.map((s: Sim) => s.iccid)).toEqual(
      sims.map((s) => s.iccid).filter((i) => i.includes(middle)),
    );
    expect(found.json.meta.total).toBe(found.json.data.length);

    // Every simulated ICCID starts like this, the other customer's too: only Acme's come back.
    expect((await get('/api/sims?iccid=893108&includeTotal=true')).json.meta.total).toBe(12);
    expect((await get(`/api/sims?iccid=${otherSim.iccid}`)).json.data).toEqual([]);
    const whole = await get(`/api/sims?iccid=${sims[7]!.iccid}`);
    expect(whole.json.data.map((s: Sim) => s.id)).toEqual([sims[7]!.id]);
    const q = await get(`/api/sims?q=${sims[8]!.iccid.slice(-7)}`);
    expect(q.json.data.map((s: Sim) => s.id)).toContain(sims[8]!.id);
  });

  it('filters by a status list, plan and linked, and combines them with the search', async () => {
    const live = await get('/api/sims?status=ACTIVATED,DEACTIVATED&includeTotal=true');
    expect(live.json.meta.total).toBe(8);
    expect(new Set(live.json.data.map((s: Sim) => s.status))).toEqual(new Set(['ACTIVATED', 'DEACTIVATED']));
    expect((await get('/api/sims?status=RETIRED')).json.data).toEqual([]);
    expect((await get('/api/sims?linked=true')).json.data).toEqual([]);
    expect((await get('/api/sims?linked=false&includeTotal=true')).json.meta.total).toBe(12);
    expect((await get('/api/sims?communicationPlan=private-network')).json.data).toEqual([]);
    const both = await get(`/api/sims?status=ACTIVATION_READY&iccid=${sims[4]!.iccid.slice(-5)}`);
    expect(both.json.data.map((s: Sim) => s.id)).toEqual([sims[4]!.id]);
  });

  it('pages forward and back in a stable order', async () => {
    const seen: string[] = [];
    const pages: string[] = [];
    let next: string | null = '/api/sims?limit=5';
    while (next) {
      pages.push(next);
      const res = await get(next);
      expect(res.json.meta).toBeUndefined();
      seen.push(...res.json.data.map((s: Sim) => s.iccid));
      next = res.json.links.next;
    }
    expect(pages).toHaveLength(3);
    expect(seen).toEqual(sims.map((s) => s.iccid));
    const last = await get(pages[2]!);
    const back = await get(last.json.links.prev);
    expect(back.json.data.map((s: Sim) => s.iccid)).toEqual(seen.slice(5, 10));

    const byUsage = (await get('/api/sims?sort=-usage,iccid&limit=500')).json.data.map((s: Sim) => s.id);
    const paged: string[] = [];
    next = '/api/sims?sort=-usage,iccid&limit=4';
    while (next) {
      const res = await get(next);
      paged.push(...res.json.data.map((s: Sim) => s.id));
      next = res.json.links.next;
    }
    expect(paged).toEqual(byUsage);
  });

  it('answers bad search input with per-field errors', async () => {
    const res = await get('/api/sims?iccid=89-31&status=ACTIVE&linked=maybe&sort=apn');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(Object.keys(res.json.errors).sort()).toEqual([
      'query.iccid',
      'query.linked',
      'query.sort',
      'query.status',
    ]);
    expect(res.json.errors['query.status']).toEqual([
      'Unknown status "ACTIVE". Use ACTIVATED, ACTIVATION_READY, DEACTIVATED, RETIRED',
    ]);
  });
});

describe('GET /api/sims/{id}', () => {
  it('reads the SIM fresh from the carrier: usage, last message and last sync', async () => {
    const activated = sims[0]!;
    t.advanceClock(6 * 3600_000);
    const res = await get(`/api/sims/${activated.id}`);
    expect(res.status).toBe(200);
    expect(res.json.lastSyncAt).toBe(t.deps.now().toISOString());
    expect(res.json.usage.bytes).toBeGreaterThan(activated.usage.bytes);
    expect(Date.parse(res.json.lastMessageAt)).toBeGreaterThan(Date.parse(activated.lastMessageAt!));
    expect(Date.parse(res.json.lastMessageAt)).toBeLessThanOrEqual(t.deps.now().getTime());
    // The fresh data is stored, but a usage tick is not a modification.
    expect(await stored(activated)).toEqual(res.json);
    expect(res.json.modifiedAt).toBe(activated.modifiedAt);

    const ready = (await get(`/api/sims/${sims[1]!.id}`)).json;
    expect(ready).toMatchObject({
      status: 'ACTIVATION_READY',
      usage: { bytes: 0, sms: 0 },
      lastMessageAt: null,
    });
  });

  it('answers the last synchronised copy when the carrier cannot be reached', async () => {
    const carrier = createSimulatedCarrier(t.deps.db, t.deps.now);
    const down = { ...carrier, getSim: () => Promise.reject(new CarrierUnavailableError('timeout')) };
    const actor: Actor = {
      kind: 'user',
      id: acme.userId,
      customerId: acme.customerId,
      homeCustomerId: acme.customerId,
      roles: ['manager:read'],
    };
    const before = await stored(sims[3]!);
    t.advanceClock(3600_000);
    expect(await createConnectivityService(t.deps, down).getSim(actor, sims[3]!.id)).toEqual(before);
    const blocked = { ...carrier, updateSim: () => Promise.reject(new CarrierUnavailableError('timeout')) };
    await expect(
      createConnectivityService(t.deps, blocked).changeSim(actor, sims[3]!.id, { status: 'DEACTIVATED' }),
    ).rejects.toMatchObject({ code: 'connectivity.carrier_unavailable', status: 503 });
    expect(await stored(sims[3]!)).toEqual(before);
  });
});

describe('PATCH /api/sims/{id}', () => {
  it('activates an Activation Ready SIM at the carrier and records who did it', async () => {
    const res = await patch(sims[4]!.id, { status: 'ACTIVATED' });
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('ACTIVATED');
    expect((await findCarrierRecord(t.deps.db, sims[4]!.iccid))!.status).toBe('ACTIVATED');
    const audit = await auditOf(sims[4]!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'sim.updated',
      actorId: acme.userId,
      changes: { status: 'ACTIVATED' },
    });
  });

  it('keeps Retired final and refuses skipped steps, writing nothing', async () => {
    const direct = await patch(sims[3]!.id, { status: 'RETIRED' });
    expect(direct.status).toBe(409);
    expect(direct.json).toMatchObject({ code: 'connectivity.transition_forbidden' });
    expect(direct.json.detail).toMatch(/^Deactivate the SIM before retiring it/);

    const retire = await patch(sims[2]!.id, { status: 'RETIRED' });
    expect(retire.json.status).toBe('RETIRED');
    const before = await stored(sims[2]!);
    for (const body of [{ status: 'ACTIVATED' }, { status: 'DEACTIVATED' }, { status: 'ACTIVATION_READY' }]) {
      const res = await patch(sims[2]!.id, body);
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.detail).toBe('This SIM is "Retired": that is final, its status can no longer change.');
    }
    const plan = await patch(sims[2]!.id, { communicationPlan: 'private-network' });
    expect(plan.json.code).toBe('connectivity.sim_retired');
    expect(await stored(sims[2]!)).toEqual(before);
    expect(await auditOf(sims[2]!.id)).toHaveLength(1);
    expect((await findCarrierRecord(t.deps.db, sims[2]!.iccid))!.status).toBe('RETIRED');
  });

  it('writes nothing when the carrier refuses a change our copy allowed', async () => {
    // Retired directly in the control centre; our copy has not synchronised yet.
    await updateCarrierRecord(t.deps.db, sims[5]!.iccid, { status: 'RETIRED' });
    const before = await stored(sims[5]!);
    const res = await patch(sims[5]!.id, { status: 'ACTIVATED' });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({
      code: 'connectivity.carrier_refused',
      title: "The carrier's control centre refused the change",
    });
    expect(res.json.detail).toMatch(/retired/);
    expect(await stored(sims[5]!)).toEqual(before);
    expect(await auditOf(sims[5]!.id)).toEqual([]);
  });

  it('changes plans at the carrier and derives the APN from the communication plan', async () => {
    const id = sims[6]!.id;
    const priv = await patch(id, { communicationPlan: 'private-network' });
    expect(priv.json).toMatchObject({ communicationPlan: 'private-network', apn: 'private.things.m2m' });
    expect((await findCarrierRecord(t.deps.db, sims[6]!.iccid))!.communicationPlan).toBe('private-network');

    const economy = await patch(id, { ratePlan: 'm2m-economy-500mb' });
    expect(economy.status).toBe(409);
    expect(economy.json.code).toBe('connectivity.plan_mismatch');
    const both = await patch(id, { communicationPlan: 'things-m2m-economy', ratePlan: 'm2m-economy-500mb' });
    expect(both.json).toMatchObject({ ratePlan: 'm2m-economy-500mb', apn: 'things.m2m' });
    expect(
      (await get(`/api/sims?communicationPlan=things-m2m-economy`)).json.data.map((s: Sim) => s.id),
    ).toEqual([id]);

    expect((await patch(id, { projectId: null })).json.projectId).toBeNull();
    expect((await patch(id, { projectId: acme.projectId })).json.projectId).toBe(acme.projectId);
    const foreign = await patch(id, { projectId: other.projectId });
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors).toEqual({ 'body.projectId': ['No project with this id'] });
  });

  it('answers bad bodies with per-field errors and changes nothing', async () => {
    const id = sims[9]!.id;
    const before = await stored(sims[9]!);
    const plans = await patch(id, { communicationPlan: 'gold', ratePlan: 'unlimited', status: 'ACTIVE' });
    expect(plans.status).toBe(400);
    expect(Object.keys(plans.json.errors).sort()).toEqual([
      'body.communicationPlan',
      'body.ratePlan',
      'body.status',
    ]);
    expect(plans.json.errors['body.ratePlan'][0]).toMatch(/^Unknown rate plan\. Use one of: m2m-10mb/);
    expect((await patch(id, { apn: 'my.apn' })).status).toBe(400);
    expect((await patch(id, {})).json.errors).toEqual({ body: ['Nothing to update'] });
    expect(await stored(sims[9]!)).toEqual(before);
  });
});

describe('access', () => {
  it('lets a read-only role read but not change or sync', async () => {
    const { token } = await t.bearer(acme.cookie, ['manager:read']);
    const as = (method: string, path: string, body?: unknown) => t.request(method, path, { token, body });
    expect((await as('GET', '/api/sims')).status).toBe(200);
    expect((await as('GET', `/api/sims/${sims[10]!.id}`)).status).toBe(200);
    for (const [method, path, body] of [
      ['PATCH', `/api/sims/${sims[10]!.id}`, { status: 'ACTIVATED' }],
      ['POST', '/api/sims/sync', undefined],
      ['POST', `/api/sims/${sims[10]!.id}/swap`, { newIccid: sims[11]!.iccid }],
    ] as const) {
      const res = await as(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.code).toBe('auth.forbidden');
    }
    expect((await stored(sims[10]!)).status).toBe('ACTIVATION_READY');
  });

  it("answers 404 for another customer's SIM on every route and leaves it alone", async () => {
    const before = await get(`/api/sims?iccid=${otherSim.iccid}`, other);
    const id = otherSim.id;
    for (const [method, path, body] of [
      ['GET', `/api/sims/${id}`, undefined],
      ['PATCH', `/api/sims/${id}`, { status: 'DEACTIVATED' }],
      ['POST', `/api/sims/${id}/device`, { deviceId: acme.projectId }],
      ['DELETE', `/api/sims/${id}/device`, undefined],
      ['POST', `/api/sims/${id}/swap`, { newIccid: sims[0]!.iccid }],
      ['POST', `/api/sims/${id}/swap`, { newIccid: '89014103211118510720' }],
    ] as const) {
      const res = await t.request(method, path, { cookie: acme.cookie, body });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json.code).toBe('resource.not_found');
    }
    expect((await get(`/api/sims?iccid=${otherSim.iccid}`, other)).json).toEqual(before.json);
  });
});

describe('POST /api/sims/sync', () => {
  it("stores new carrier SIMs and what changed in the control centre, for the caller's account only", async () => {
    await updateCarrierRecord(t.deps.db, sims[9]!.iccid, { ratePlan: 'm2m-1gb' });
    await createSimulatedCarrier(t.deps.db, t.deps.now).provisionSims(acme.customerId, 2);
    await createSimulatedCarrier(t.deps.db, t.deps.now).provisionSims(other.customerId, 1);
    t.advanceClock(60_000);
    const res = await t.request('POST', '/api/sims/sync', { cookie: acme.cookie });
    expect(res.json).toEqual({ synced: 14, syncedAt: t.deps.now().toISOString() });
    expect((await get('/api/sims?includeTotal=true')).json.meta.total).toBe(14);
    expect((await get('/api/sims?includeTotal=true', other)).json.meta.total).toBe(1);

    const changed = await stored(sims[9]!);
    expect(changed).toMatchObject({
      ratePlan: 'm2m-1gb',
      lastSyncAt: res.json.syncedAt,
      modifiedAt: res.json.syncedAt,
    });
    const untouched = await stored(sims[11]!);
    expect(untouched.lastSyncAt).toBe(res.json.syncedAt);
    expect(untouched.modifiedAt).toBe(sims[11]!.modifiedAt);
  });
});

describe('catalogues', () => {
  it('lists communication plans with their APN, rate plans and LoRa plans', async () => {
    const plans = await get('/api/sims/plans');
    expect(plans.status).toBe(200);
    expect(plans.json.communicationPlans.find((p: { id: string }) => p.id === 'private-network').apn).toBe(
      'private.things.m2m',
    );
    expect(plans.json.ratePlans.length).toBeGreaterThanOrEqual(3);
    const lora = await get('/api/lora/connectivity-plans');
    expect(
      lora.json.data
        .filter((p: { geolocation: boolean }) => p.geolocation)
        .map((p: { name: string }) => p.name),
    ).toEqual(['LoRa Geolocation', 'LoRa Plus Geolocation']);
  });
});
