import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../../testing/test-app.ts';

let t: TestApp;
let acme: Awaited<ReturnType<TestApp['customer']>>;

beforeAll(async () => {
  t = await createTestApp();
  acme = await t.customer('Acme');
});
afterAll(() => t.close());

describe('login', () => {
  it('answers 200 with the user and sets an httpOnly SameSite=Lax session cookie', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: acme.email, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.json.user).toMatchObject({ email: acme.email, customer: { id: acme.customerId } });
    expect(res.json.user.permissions).toContain('projects:update');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^ot_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const res = await t.request('POST', '/api/auth/login', {
      body: { email: `  ${acme.email.toUpperCase()} `, password: PASSWORD },
    });
    expect(res.status).toBe(200);
  });

  it('gives the same answer for a wrong password and for an unknown user', async () => {
    const wrong = await t.request('POST', '/api/auth/login', {
      body: { email: acme.email, password: 'Wrong-Pass-123' },
    });
    const unknown = await t.request('POST', '/api/auth/login', {
      body: { email: 'nobody@example.test', password: 'Wrong-Pass-123' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrong.json)).toEqual(strip(unknown.json));
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect(wrong.json.title).toBe('Incorrect email address or password');
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses further attempts for the account and IP after ten failures', async () => {
    const victim = await t.customer('Victim');
    for (let i = 0; i < 10; i++) {
      const res = await t.request('POST', '/api/auth/login', {
        body: { email: victim.email, password: `Nope-${i}-abcdef` },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request('POST', '/api/auth/login', {
      body: { email: victim.email, password: PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    t.advanceClock(16 * 60_000);
    const later = await t.request('POST', '/api/auth/login', {
      body: { email: victim.email, password: PASSWORD },
    });
    expect(later.status).toBe(200);
  });

  it('rejects a malformed body with per-field errors', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { email: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.json.errors['body.email']).toEqual(['Enter a valid email address']);
    expect(res.json.errors['body.password']).toBeDefined();
  });
});

describe('session', () => {
  it('tells the portal who is signed in without a 401', async () => {
    const anonymous = await t.request('GET', '/api/auth/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.json).toEqual({ user: null });
    const cookie = await t.login(acme.email, PASSWORD);
    const signedIn = await t.request('GET', '/api/auth/session', { cookie });
    expect(signedIn.json.user.email).toBe(acme.email);
  });

  it('tells who is signed in and ends with logout', async () => {
    const cookie = await t.login(acme.email, PASSWORD);
    const me = await t.request('GET', '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe(acme.email);
    const out = await t.request('POST', '/api/auth/logout', { cookie });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/ot_session=;/);
    const after = await t.request('GET', '/api/auth/me', { cookie });
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('auth.unauthenticated');
  });

  it('reads a session from the database at most every 10 s: a session removed elsewhere ends within that', async () => {
    const cookie = await t.login(acme.email, PASSWORD);
    expect((await t.request('GET', '/api/auth/session', { cookie })).json.user).not.toBeNull();
    // Removed by another process (its logout, an admin): this process still has it for a few seconds.
    await t.deps.db.execute(sql`delete from sessions where user_id = ${acme.userId}`);
    expect((await t.request('GET', '/api/projects', { cookie })).status).toBe(200);
    t.advanceClock(10_000);
    expect((await t.request('GET', '/api/projects', { cookie })).status).toBe(401);
    acme.cookie = await t.login(acme.email, PASSWORD);
  });

  it('ends a session at once on logout in this process, cached or not', async () => {
    const cookie = await t.login(acme.email, PASSWORD);
    expect((await t.request('GET', '/api/projects', { cookie })).status).toBe(200);
    expect((await t.request('POST', '/api/auth/logout', { cookie })).status).toBe(204);
    expect((await t.request('GET', '/api/projects', { cookie })).status).toBe(401);
  });

  it('expires after 12 hours without use', async () => {
    const cookie = await t.login(acme.email, PASSWORD);
    t.advanceClock(13 * 3600_000);
    const res = await t.request('GET', '/api/auth/me', { cookie });
    expect(res.status).toBe(401);
  });

  it('refuses cookie-authenticated changes from another origin or without an origin', async () => {
    const cookie = await t.login(acme.email, PASSWORD);
    const path = `/api/projects/${acme.projectId}`;
    const foreign = await t.request('PATCH', path, {
      cookie,
      origin: 'https://evil.example',
      body: { name: 'x' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.json.code).toBe('auth.csrf');
    const none = await t.request('PATCH', path, { cookie, origin: null, body: { name: 'x' } });
    expect(none.status).toBe(403);
    const same = await t.request('PATCH', path, { cookie, body: { name: 'Same origin' } });
    expect(same.status).toBe(200);
  });
});

describe('API keys and bearer tokens', () => {
  // Earlier tests move the clock past the session lifetime.
  beforeEach(async () => {
    acme.cookie = await t.login(acme.email, PASSWORD);
  });

  it('exchanges client credentials for a one-hour bearer token that works on /api', async () => {
    const key = await t.request('POST', '/api/api-keys', {
      cookie: acme.cookie,
      body: { name: 'Integration', description: 'ERP sync', roles: ['manager:read'] },
    });
    expect(key.status).toBe(201);
    expect(key.json).toEqual({
      id: expect.any(String),
      clientId: expect.stringMatching(/^ot_/),
      clientSecret: expect.any(String),
    });
    const listed = await t.request('GET', `/api/api-keys/${key.json.id}`, { cookie: acme.cookie });
    expect(listed.json).not.toHaveProperty('clientSecret');
    expect(JSON.stringify(listed.json)).not.toContain(key.json.clientSecret);

    const token = await t.request('POST', '/api/auth/token', {
      body: {
        grant_type: 'client_credentials',
        client_id: key.json.clientId,
        client_secret: key.json.clientSecret,
      },
    });
    expect(token.status).toBe(200);
    expect(token.json).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });

    const projects = await t.request('GET', '/api/projects', { token: token.json.access_token });
    expect(projects.status).toBe(200);
    expect(projects.json.data.map((p: { id: string }) => p.id)).toEqual([acme.projectId]);

    // manager:read may read but not change projects.
    const patch = await t.request('PATCH', `/api/projects/${acme.projectId}`, {
      token: token.json.access_token,
      body: { name: 'nope' },
    });
    expect(patch.status).toBe(403);

    t.advanceClock(3601_000);
    const expired = await t.request('GET', '/api/projects', { token: token.json.access_token });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('auth.invalid_token');
  });

  it('accepts the token request as a form', async () => {
    const { clientId, clientSecret } = await t.bearer(acme.cookie, ['manager:read']);
    const res = await t.request('POST', '/api/auth/token', {
      rawBody: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect(res.json.token_type).toBe('Bearer');
  });

  it('rejects a wrong secret, an invalid token and a token of a revoked key', async () => {
    const { clientId, keyId, token } = await t.bearer(acme.cookie, ['manager:read']);
    const wrong = await t.request('POST', '/api/auth/token', {
      body: { grant_type: 'client_credentials', client_id: clientId, client_secret: 'guess' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.json.code).toBe('auth.invalid_client');

    const invalid = await t.request('GET', '/api/projects', { token: 'not-a-real-token' });
    expect(invalid.status).toBe(401);
    expect(invalid.headers.get('content-type')).toBe('application/problem+json');

    const malformed = await t.request('GET', '/api/projects', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);

    // Used once, so the token is cached; revoking must still end it at once.
    expect((await t.request('GET', '/api/projects', { token })).status).toBe(200);
    expect((await t.request('DELETE', `/api/api-keys/${keyId}`, { cookie: acme.cookie })).status).toBe(204);
    expect((await t.request('DELETE', `/api/api-keys/${keyId}`, { cookie: acme.cookie })).status).toBe(204);
    const revoked = await t.request('GET', '/api/projects', { token });
    expect(revoked.status).toBe(401);
    const list = await t.request('GET', '/api/api-keys', { cookie: acme.cookie });
    expect(list.json.data.map((k: { id: string }) => k.id)).not.toContain(keyId);
    const withRevoked = await t.request('GET', '/api/api-keys?includeRevoked=true', { cookie: acme.cookie });
    expect(withRevoked.json.data.find((k: { id: string }) => k.id === keyId).revokedAt).not.toBeNull();
  });

  it('lets only admins manage API keys', async () => {
    const editor = await t.customer('Editors', ['manager:editor']);
    const res = await t.request('POST', '/api/api-keys', {
      cookie: editor.cookie,
      body: { name: 'k', roles: ['admin'] },
    });
    expect(res.status).toBe(403);
    expect(res.json.code).toBe('auth.forbidden');
  });

  it('needs no Origin for bearer-authenticated changes', async () => {
    const { token } = await t.bearer(acme.cookie, ['manager:editor']);
    const res = await t.request('PATCH', `/api/projects/${acme.projectId}`, {
      token,
      origin: null,
      body: { description: 'via API' },
    });
    expect(res.status).toBe(200);
    expect(res.json.description).toBe('via API');
  });
});

/**
 * Credentials are checked against the database at most every 10 s per process (auth.service.ts), so
 * that API calls do not each cost a query. Changes made by this process act at once (the tests above);
 * changes made elsewhere — another process, an administrator in SQL — must act within those 10 s.
 */
describe('credentials changed by another process', () => {
  const PROMISED_MS = 10_000;

  beforeEach(async () => {
    acme.cookie = await t.login(acme.email, PASSWORD);
  });

  it('ends bearer tokens of a revoked or deleted API key within 10 s', async () => {
    const revoked = await t.bearer(acme.cookie, ['manager:read']);
    const deleted = await t.bearer(acme.cookie, ['manager:read']);
    const status = async (token: string) => (await t.request('GET', '/api/projects', { token })).status;
    expect(await status(revoked.token)).toBe(200);
    expect(await status(deleted.token)).toBe(200);

    await t.deps.db.execute(sql`update api_keys set revoked_at = now() where id = ${revoked.keyId}`);
    await t.deps.db.execute(sql`delete from api_keys where id = ${deleted.keyId}`);
    // Remembered for a while: no query per request…
    t.advanceClock(PROMISED_MS - 1_000);
    expect(await status(revoked.token)).toBe(200);
    expect(await status(deleted.token)).toBe(200);
    // …but not past the promised time.
    t.advanceClock(1_000);
    expect(await status(revoked.token)).toBe(401);
    expect(await status(deleted.token)).toBe(401);
  });

  it('ends sessions of a user deactivated, deleted or stripped of its roles within 10 s', async () => {
    const deactivated = await t.customer('Deactivated', ['manager:read']);
    const deleted = await t.customer('Deleted', ['manager:read']);
    const demoted = await t.customer('Demoted', ['manager:read']);
    const status = async (cookie: string) => (await t.request('GET', '/api/projects', { cookie })).status;
    for (const u of [deactivated, deleted, demoted]) expect(await status(u.cookie)).toBe(200);

    await t.deps.db.execute(sql`update users set status = 'deactivated' where id = ${deactivated.userId}`);
    await t.deps.db.execute(sql`update users set deleted_at = now() where id = ${deleted.userId}`);
    await t.deps.db.execute(sql`delete from role_assignments where user_id = ${demoted.userId}`);
    t.advanceClock(PROMISED_MS - 1_000);
    for (const u of [deactivated, deleted, demoted]) expect(await status(u.cookie)).toBe(200);
    t.advanceClock(1_000);
    expect(await status(deactivated.cookie)).toBe(401);
    expect(await status(deleted.cookie)).toBe(401);
    expect(await status(demoted.cookie)).toBe(403);
  });

  it("ends a reseller's access to a customer moved away from it within 10 s", async () => {
    const reseller = await t.customer('Reseller', ['admin', 'manager:admin'], { isReseller: true });
    const sub = await t.customer('Sub', ['admin'], { resellerId: reseller.customerId });
    const status = async () =>
      (
        await t.request('GET', '/api/projects', {
          cookie: reseller.cookie,
          headers: { 'x-customer-context': sub.customerId },
        })
      ).status;
    expect(await status()).toBe(200);
    await t.deps.db.execute(sql`update customers set reseller_id = null where id = ${sub.customerId}`);
    t.advanceClock(PROMISED_MS - 1_000);
    expect(await status()).toBe(200);
    t.advanceClock(1_000);
    expect(await status()).toBe(403);
  });
});
