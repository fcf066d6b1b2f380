import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
});
afterAll(() => t.close());

const state = {
  filters: { status: ['ACTIVE'], deviceTypeId: ['own-m2m'] },
  q: 'dock',
  sort: '-lastMessageAt',
  columns: ['name', 'lastMessageAt'],
  pageSize: 100,
};
const create = (name: string, extra: Record<string, unknown> = {}, cookie = acme.cookie) =>
  t.request('POST', '/api/views', { cookie, body: { table: 'devices', name, state, ...extra } });

describe('saved views', () => {
  it('round-trip the table state and keep one default', async () => {
    const first = await create('Active trackers', { isDefault: true });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ name: 'Active trackers', table: 'devices', state, isDefault: true });
    const second = await create('Everything', { isDefault: true });
    const list = await t.request('GET', '/api/views?table=devices', { cookie: acme.cookie });
    expect(list.json.data.map((v: { name: string; isDefault: boolean }) => [v.name, v.isDefault])).toEqual([
      ['Active trackers', false],
      ['Everything', true],
    ]);
    const renamed = await t.request('PATCH', `/api/views/${first.json.id}`, {
      cookie: acme.cookie,
      body: { name: 'Trackers', isDefault: true },
    });
    expect(renamed.json).toMatchObject({ name: 'Trackers', isDefault: true });
    expect(
      (await t.request('GET', `/api/views/${second.json.id}`, { cookie: acme.cookie })).json.isDefault,
    ).toBe(false);
    expect((await t.request('DELETE', `/api/views/${second.json.id}`, { cookie: acme.cookie })).status).toBe(
      204,
    );
    expect((await t.request('GET', '/api/views?table=sims', { cookie: acme.cookie })).json.data).toEqual([]);
  });

  it('allow at most 10 per table and unique names', async () => {
    const user = await t.customer('Ten');
    for (let i = 0; i < 10; i++) expect((await create(`View ${i}`, {}, user.cookie)).status).toBe(201);
    const eleventh = await create('View 10', {}, user.cookie);
    expect(eleventh.status).toBe(409);
    expect(eleventh.json.code).toBe('views.limit_reached');
    const sims = await t.request('POST', '/api/views', {
      cookie: user.cookie,
      body: { table: 'sims', name: 'View 0', state: { filters: {} } },
    });
    expect(sims.status).toBe(201);
    const other = await t.customer('Names');
    await create('Same', {}, other.cookie);
    const dup = await create('Same', {}, other.cookie);
    expect(dup.status).toBe(409);
    expect(dup.json.errors['body.name']).toEqual(['You already have a view with this name']);
  });

  it('are personal and refuse bad state', async () => {
    const mine = await create(`Mine ${Math.random()}`);
    const colleague = await t.login(acme.email, 'Correct-Horse-42');
    expect((await t.request('GET', `/api/views/${mine.json.id}`, { cookie: colleague })).status).toBe(200);
    const stranger = await t.customer('Stranger');
    expect((await t.request('GET', `/api/views/${mine.json.id}`, { cookie: stranger.cookie })).status).toBe(
      404,
    );
    expect(
      (await t.request('DELETE', `/api/views/${mine.json.id}`, { cookie: stranger.cookie })).status,
    ).toBe(404);
    const bad = await t.request('POST', '/api/views', {
      cookie: acme.cookie,
      body: { table: 'devices', name: 'x', state: { pageSize: 9999 } },
    });
    expect(bad.status).toBe(400);
    const { token } = await t.bearer(acme.cookie, ['manager:read']);
    expect((await t.request('GET', '/api/views?table=devices', { token })).status).toBe(403);
  });
});
