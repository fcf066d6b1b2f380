import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
});
afterAll(() => t.close());

describe('users', () => {
  it('adds a user who can then sign in with the roles given', async () => {
    const res = await t.request('POST', '/api/users', {
      cookie: acme.cookie,
      body: {
        email: 'Reader@Acme.test',
        name: 'Rita Reader',
        password: 'Read-Only-2026',
        roles: ['manager:read'],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      email: 'reader@acme.test',
      roles: ['manager:read'],
      status: 'active',
      lastLoginAt: null,
    });
    expect(res.json).not.toHaveProperty('passwordHash');
    const cookie = await t.login('reader@acme.test', 'Read-Only-2026');
    const me = await t.request('GET', '/api/auth/me', { cookie });
    expect(me.json.user.permissions).toEqual([
      'projects:read',
      'devices:read',
      'flows:read',
      'destinations:read',
      'connectivity:read',
      'downlinks:read',
    ]);
    const list = await t.request('GET', '/api/users?sort=email&includeTotal=true', { cookie: acme.cookie });
    expect(list.json.meta.total).toBe(2);
    expect(list.json.data.map((u: { email: string }) => u.email)).toEqual(
      [acme.email, 'reader@acme.test'].sort(),
    );
  });

  it('enforces the password rules and unique email addresses', async () => {
    const weak = await t.request('POST', '/api/users', {
      cookie: acme.cookie,
      body: { email: 'weak@acme.test', name: 'Weak', password: 'alllowercase', roles: ['manager:read'] },
    });
    expect(weak.status).toBe(400);
    expect(weak.json.errors['body.password']).toEqual([
      'The password needs at least three of: uppercase, lowercase, digit, special character',
    ]);
    const dup = await t.request('POST', '/api/users', {
      cookie: acme.cookie,
      body: { email: acme.email, name: 'Dup', password: 'Another-Pass-1', roles: ['manager:read'] },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.errors['body.email']).toBeDefined();
    const noRole = await t.request('POST', '/api/users', {
      cookie: acme.cookie,
      body: { email: 'x@acme.test', name: 'X', password: 'Another-Pass-1', roles: ['superuser'] },
    });
    expect(noRole.status).toBe(400);
  });

  it('lets only admins see and add users', async () => {
    const editor = await t.customer('Editors', ['manager:editor']);
    expect((await t.request('GET', '/api/users', { cookie: editor.cookie })).status).toBe(403);
    const res = await t.request('POST', '/api/users', {
      cookie: editor.cookie,
      body: { email: 'e2@x.test', name: 'E', password: 'Another-Pass-1', roles: ['admin'] },
    });
    expect(res.status).toBe(403);
  });

  it('applies the lowest role of a service when a user holds several', async () => {
    const mixed = await t.customer('Mixed', ['manager:admin', 'manager:read']);
    const me = await t.request('GET', '/api/auth/me', { cookie: mixed.cookie });
    expect(me.json.user.permissions).not.toContain('projects:update');
    const patch = await t.request('PATCH', `/api/projects/${mixed.projectId}`, {
      cookie: mixed.cookie,
      body: { name: 'x' },
    });
    expect(patch.status).toBe(403);
  });
});
