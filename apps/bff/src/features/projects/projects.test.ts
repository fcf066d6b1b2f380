import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeRows } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { createProjectWithFlow } from './projects.service.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;
const names = ['alpha', 'Bravo', 'charlie', 'Delta', 'echo', 'Foxtrot', 'golf'];

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
  for (const [i, name] of names.entries()) {
    await createProjectWithFlow(t.deps.db, {
      customerId: acme.customerId,
      name,
      description: i % 2 ? 'Warehouse sensors' : 'Trackers',
      subscription: i % 2 ? 'Modular' : 'Explorer',
    });
  }
});
afterAll(() => t.close());

const get = (path: string) => t.request('GET', path, { cookie: acme.cookie });

describe('GET /api/projects', () => {
  it('walks every page forward and back with opaque cursors', async () => {
    const seen: string[] = [];
    let next: string | null = '/api/projects?limit=3&sort=name';
    const pages: string[] = [];
    while (next) {
      pages.push(next);
      const res = await get(next);
      expect(res.status).toBe(200);
      expect(res.json.data.length).toBeLessThanOrEqual(3);
      seen.push(...res.json.data.map((p: { name: string }) => p.name));
      next = res.json.links.next;
    }
    // Case-insensitive name order; the customer's own "My first project" is among them.
    expect(seen).toEqual([
      'alpha',
      'Bravo',
      'charlie',
      'Delta',
      'echo',
      'Foxtrot',
      'golf',
      'My first project',
    ]);
    expect(pages).toHaveLength(3);

    const last = await get(pages[2]!);
    expect(last.json.links.next).toBeNull();
    const back = await get(last.json.links.prev);
    expect(back.json.data.map((p: { name: string }) => p.name)).toEqual(['Delta', 'echo', 'Foxtrot']);
    const first = await get(back.json.links.prev);
    expect(first.json.data.map((p: { name: string }) => p.name)).toEqual(['alpha', 'Bravo', 'charlie']);
    expect(first.json.links.prev).toBeNull();
  });

  it('sorts by several fields, descending with a minus', async () => {
    const res = await get('/api/projects?sort=subscription,-name&limit=500');
    expect(res.json.data.map((p: { name: string }) => p.name)).toEqual([
      'golf',
      'echo',
      'charlie',
      'alpha',
      'My first project',
      'Foxtrot',
      'Delta',
      'Bravo',
    ]);
    const paged = [];
    let next: string | null = '/api/projects?sort=subscription,-name&limit=2';
    while (next) {
      const page = await get(next);
      paged.push(...page.json.data.map((p: { name: string }) => p.name));
      next = page.json.links.next;
    }
    expect(paged).toEqual(res.json.data.map((p: { name: string }) => p.name));
  });

  it('filters by q, subscription and creation time, and counts on request', async () => {
    const q = await get('/api/projects?q=WAREHOUSE&includeTotal=true');
    expect(q.json.meta.total).toBe(3);
    expect(q.json.data.every((p: { description: string }) => p.description === 'Warehouse sensors')).toBe(
      true,
    );
    const sub = await get('/api/projects?subscription=Freemium');
    expect(sub.json.data.map((p: { name: string }) => p.name)).toEqual(['My first project']);
    const future = await get(
      `/api/projects?createdSince=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
    );
    expect(future.json.data).toEqual([]);
    const noTotal = await get('/api/projects');
    expect(noTotal.json.meta).toBeUndefined();
    const all = await get('/api/projects?includeTotal=true&limit=2');
    expect(all.json.meta.total).toBe(names.length + 1);
    expect(all.json.data).toHaveLength(2);
    const wildcard = await get('/api/projects?q=%25');
    expect(wildcard.json.data).toEqual([]);
  });

  it('rejects unknown sort fields, bad cursors, bad limits and bad dates with 400 problem+json', async () => {
    const sort = await get('/api/projects?sort=password');
    expect(sort.status).toBe(400);
    expect(sort.headers.get('content-type')).toBe('application/problem+json');
    expect(sort.json.errors['query.sort'][0]).toMatch(/Unknown sort field "password"/);
    const cursor = await get('/api/projects?cursor=garbage!!');
    expect(cursor.status).toBe(400);
    expect(cursor.json.errors['query.cursor']).toBeDefined();
    const page = await get('/api/projects?limit=2&sort=name');
    const otherSort = await get(
      `/api/projects?limit=2&sort=-createdAt&cursor=${new URL(page.json.links.next, 'http://x').searchParams.get('cursor')}`,
    );
    expect(otherSort.status).toBe(400);
    expect(otherSort.json.errors['query.cursor'][0]).toMatch(/another sort order/);
    expect((await get('/api/projects?limit=501')).status).toBe(400);
    expect((await get('/api/projects?limit=0')).status).toBe(400);
    expect((await get('/api/projects?limit=abc')).status).toBe(400);
    const date = await get('/api/projects?createdSince=yesterday');
    expect(date.status).toBe(400);
    expect(date.json.errors['query.createdSince']).toBeDefined();
  });

  it('answers with subscription, limits and usage', async () => {
    const res = await get(`/api/projects/${acme.projectId}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      name: 'My first project',
      subscription: 'Freemium',
      limits: { devicesPerNetworkType: { LORA: 3, M2M: 2 }, destinations: 3 },
      usage: { flows: 1 },
    });
  });
});

describe('PATCH /api/projects/{id}', () => {
  it('changes name and description and records who did it', async () => {
    const res = await t.request('PATCH', `/api/projects/${acme.projectId}`, {
      cookie: acme.cookie,
      body: { name: '  Pilot  ', description: 'First field test' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ name: 'Pilot', description: 'First field test' });
    const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, acme.projectId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'project.updated', actorKind: 'user', actorId: acme.userId });
  });

  it('writes nothing for bad input', async () => {
    const path = `/api/projects/${acme.projectId}`;
    const before = (await get(path)).json;
    const cases = [
      { rawBody: '{"name": ', expect: 400, code: 'request.malformed_json' },
      { body: {}, expect: 400, code: 'request.invalid' },
      { body: { name: '' }, expect: 400, code: 'request.invalid' },
      { body: { name: 'x'.repeat(101) }, expect: 400, code: 'request.invalid' },
      { body: { name: 42 }, expect: 400, code: 'request.invalid' },
      { body: { subscription: 'Tailored' }, expect: 400, code: 'request.invalid' },
      { rawBody: 'name=x', contentType: 'text/plain', expect: 415, code: 'request.unsupported_media_type' },
      {
        rawBody: JSON.stringify({ name: 'x'.repeat(1_100_000) }),
        expect: 413,
        code: 'request.body_too_large',
      },
    ];
    for (const c of cases) {
      const res = await t.request('PATCH', path, { cookie: acme.cookie, ...c });
      expect(res.status, JSON.stringify(c).slice(0, 80)).toBe(c.expect);
      expect(res.json.code).toBe(c.code);
    }
    const named = await t.request('PATCH', path, { cookie: acme.cookie, body: { name: '' } });
    expect(named.json.errors).toEqual({ 'body.name': ['Enter a name'] });
    expect((await get(path)).json).toEqual(before);
  });

  it('is refused to read-only users and unknown ids', async () => {
    const reader = await t.customer('Readers', ['manager:read']);
    const res = await t.request('PATCH', `/api/projects/${reader.projectId}`, {
      cookie: reader.cookie,
      body: { name: 'x' },
    });
    expect(res.status).toBe(403);
    const missing = await t.request('PATCH', '/api/projects/00000000-0000-4000-8000-000000000000', {
      cookie: acme.cookie,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    const bad = await get('/api/projects/not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.json.errors['params.id']).toBeDefined();
  });
});

describe('device usage', () => {
  /** Every project of acme: usage as listed, as read one by one, and as counted device by device. */
  async function usages() {
    const listed = (await get('/api/projects?limit=500')).json.data as { id: string; usage: unknown }[];
    const counted = await executeRows<{ id: string; usage: unknown }>(
      t.deps.db,
      sql`select p.id, json_build_object(
          'devices', count(d.id)::int,
          'LORA', (count(d.id) filter (where 'LORA' = any(dt.network_types)))::int,
          'M2M', (count(d.id) filter (where 'M2M' = any(dt.network_types)))::int,
          'INTERNET', (count(d.id) filter (where 'INTERNET' = any(dt.network_types)))::int) as usage
        from projects p left join devices d on d.project_id = p.id
        left join device_types dt on dt.id = d.device_type_id
        where p.customer_id = ${acme.customerId} group by p.id`,
    );
    const shape = (u: { devices: number; devicesPerNetworkType: Record<string, number> }) => ({
      devices: u.devices,
      ...u.devicesPerNetworkType,
    });
    const byList = Object.fromEntries(listed.map((p) => [p.id, shape(p.usage as never)]));
    const byGet: Record<string, unknown> = {};
    for (const p of listed) byGet[p.id] = shape((await get(`/api/projects/${p.id}`)).json.usage);
    return { byList, byGet, counted: Object.fromEntries(counted.map((p) => [p.id, p.usage])) };
  }

  async function expectExact() {
    const { byList, byGet, counted } = await usages();
    expect(byList).toEqual(counted);
    expect(byGet).toEqual(counted);
    return counted;
  }

  it('stays exact as devices are added, moved, retyped and deleted, and as a type changes networks', async () => {
    const a = await createProjectWithFlow(t.deps.db, {
      customerId: acme.customerId,
      name: 'usage A',
      subscription: 'Modular',
    });
    const b = await createProjectWithFlow(t.deps.db, {
      customerId: acme.customerId,
      name: 'usage B',
      subscription: 'Modular',
    });
    await t.deps.db.execute(
      sql`insert into device_types (id, customer_id, name, network_types)
          values ('acme-dual', ${acme.customerId}, 'Dual', array['LORA', 'M2M'])`,
    );
    const add = async (projectId: string, deviceTypeId: string) => {
      const res = await t.request('POST', '/api/devices', {
        cookie: acme.cookie,
        body: { projectId, deviceTypeId, name: `${deviceTypeId} device` },
      });
      expect(res.status, res.text).toBe(201);
      return res.json.id as string;
    };
    const internet = await add(a.projectId, 'generic-internet');
    const dual = await add(a.projectId, 'acme-dual');
    await add(a.projectId, 'own-m2m');
    await add(b.projectId, 'acme-dual');
    expect((await expectExact())[a.projectId]).toEqual({ devices: 3, LORA: 1, M2M: 2, INTERNET: 1 });

    // Moved and retyped the way any writer might, not only this app's services.
    await t.deps.db.execute(sql`update devices set project_id = ${b.projectId} where id = ${dual}`);
    await t.deps.db.execute(sql`update devices set device_type_id = 'acme-dual' where id = ${internet}`);
    await t.deps.db.execute(sql`update devices set name = 'renamed' where id = ${internet}`);
    expect((await expectExact())[b.projectId]).toEqual({ devices: 2, LORA: 2, M2M: 2, INTERNET: 0 });

    await t.deps.db.execute(
      sql`update device_types set network_types = array['INTERNET'] where id = 'acme-dual'`,
    );
    expect((await expectExact())[b.projectId]).toEqual({ devices: 2, LORA: 0, M2M: 0, INTERNET: 2 });

    expect((await t.request('DELETE', `/api/devices/${internet}`, { cookie: acme.cookie })).status).toBe(204);
    expect((await expectExact())[a.projectId]).toEqual({ devices: 1, LORA: 0, M2M: 1, INTERNET: 0 });
  });
});
