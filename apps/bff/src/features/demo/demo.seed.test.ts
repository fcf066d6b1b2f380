import { readFileSync } from 'node:fs';
import { permissions, ROLES } from '@openthings/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { DEMO, DEMO_ROLE_USERS, seedDemo } from './demo.seed.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  expect((await seedDemo(t.deps.db, new Date())).seeded).toBe(true);
});
afterAll(() => t.close());

const me = async (email: string) => {
  const cookie = await t.login(email, DEMO.password);
  return (await t.request('GET', '/api/auth/me', { cookie })).json.user;
};

describe('the demo seed', () => {
  it('has a user for every role, each holding that role alone', () => {
    expect(DEMO_ROLE_USERS.map((u) => u.role).sort()).toEqual([...ROLES].sort());
    expect(new Set(DEMO_ROLE_USERS.map((u) => u.email)).size).toBe(ROLES.length);
  });

  it("lets each role's user log in with the demo password and gives it exactly its role's permissions", async () => {
    const admin = await me(DEMO.email);
    expect(admin.customer.name).toBe(DEMO.customer);
    for (const { email, role } of DEMO_ROLE_USERS) {
      const user = await me(email);
      expect(user.roles, email).toEqual([role]);
      expect(user.permissions, email).toEqual(permissions({ roles: [role], customerId: user.customer.id }));
      expect(user.customer.id, email).toBe(admin.customer.id);
    }
  });

  it('runs once', async () => {
    expect(await seedDemo(t.deps.db, new Date())).toEqual({ seeded: false });
  });

  it('is documented in the README quick start', () => {
    const readme = readFileSync(new URL('../../../../../README.md', import.meta.url), 'utf8');
    for (const { email } of DEMO_ROLE_USERS) expect(readme, email).toContain(email);
    expect(readme).toContain(DEMO.password);
  });
});
