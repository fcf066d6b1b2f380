import { type Contract, can, ROLES, type Role } from '@openthings/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PASSWORD, type TestApp } from '../testing/test-app.ts';

/**
 * Generated from the routes the bff registers (ApiRouter keeps their contracts): a new route is in the
 * matrix the moment it exists, with nothing to add here.
 */
let t: TestApp;
/** Per role: a signed-in user holding only that role, and an API key holding only that role. */
const callers = new Map<Role, { cookie: string; token: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.customer('Matrix', ['admin']);
  for (const role of ROLES) {
    const email = `${role.replace(':', '-')}@matrix.test`;
    const user = await t.request('POST', '/api/users', {
      cookie: owner.cookie,
      body: { email, name: role, password: PASSWORD, roles: [role] },
    });
    if (user.status !== 201) throw new Error(user.text);
    const cookie = await t.login(email, PASSWORD);
    callers.set(role, { cookie, token: (await t.bearer(owner.cookie, [role])).token });
  }
});
afterAll(() => t.close());

const guarded = () => t.router.contracts.filter((c) => c.auth === 'required');

/** Any well-formed value for a path parameter; the object need not exist (404 is an answer too). */
const dummyPath = (contract: Contract) =>
  contract.path.replace(/\{(\w+)\}/g, '00000000-0000-4000-8000-000000000000');

describe('role matrix', () => {
  it('registers every route from a contract with a role check', () => {
    const contracts = guarded();
    expect(contracts.length).toBeGreaterThanOrEqual(80);
    for (const contract of contracts) {
      // No action means "every signed-in member": only for the member's own records and shared catalogues.
      if (!contract.action)
        expect(contract.method === 'get' || contract.personal, contract.operationId).toBe(true);
    }
  });

  it('lets no Manager Editor delete: every DELETE of a record requires an action the Editor lacks', () => {
    const contracts = t.router.contracts;
    const deletes = contracts.filter((c) => c.method === 'delete');
    expect(deletes.length).toBeGreaterThanOrEqual(10);
    const editor = { roles: ['manager:editor' as Role], customerId: 'any' };
    const wrong: string[] = [];
    for (const contract of deletes) {
      // A personal record (a saved view) is the caller's own, not the customer's data.
      if (contract.personal) continue;
      // DELETE on the very path a POST links (flow ↔ device, flow ↔ destination, SIM ↔ device) undoes
      // that link and deletes nothing: it needs what linking needs.
      const link = contracts.find((c) => c.method === 'post' && c.path === contract.path);
      if (link) {
        if (contract.action !== link.action)
          wrong.push(`${contract.operationId}: ${contract.action}, link needs ${link.action}`);
      } else if (!contract.action || can(editor, contract.action)) {
        wrong.push(`${contract.operationId}: ${contract.action ?? 'no action'}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  for (const via of ['session', 'apiKey'] as const) {
    it(`answers 403 problem+json exactly when the role may not (${via})`, async () => {
      const wrong: string[] = [];
      for (const contract of guarded()) {
        const path = dummyPath(contract);
        for (const role of ROLES) {
          const caller = callers.get(role)!;
          const res = await t.request(
            contract.method.toUpperCase(),
            path,
            via === 'session' ? { cookie: caller.cookie } : { token: caller.token },
          );
          // API keys have no user, so no personal records (saved views).
          const allowed =
            (contract.action === undefined || can({ roles: [role], customerId: 'any' }, contract.action)) &&
            !(contract.personal && via === 'apiKey');
          const forbidden =
            res.status === 403 &&
            res.headers.get('content-type') === 'application/problem+json' &&
            res.json?.code === 'auth.forbidden';
          if (allowed ? res.status === 403 || res.status >= 500 : !forbidden) {
            wrong.push(
              `${role} ${contract.method.toUpperCase()} ${contract.path}: ${res.status} ${res.text}`,
            );
          }
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
