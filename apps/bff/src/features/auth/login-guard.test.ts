import { describe, expect, it } from 'vitest';
import { LoginGuard, LoginRefusedError } from './login-guard.ts';

/** A password check that takes a few milliseconds and says whether it was right; counts how many overlap. */
function checks() {
  let running = 0;
  let most = 0;
  let started = 0;
  return {
    get most() {
      return most;
    },
    get started() {
      return started;
    },
    check: (ok: boolean) => async () => {
      started++;
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return ok;
    },
  };
}

describe('LoginGuard per address', () => {
  it('lets a crowd of right logins from one address in, never checking more at once than its budget', async () => {
    const guard = new LoginGuard({ perAddress: 3 });
    const c = checks();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => guard.attempt(`device-${i}`, '198.51.100.1', c.check(true))),
    );
    expect(answers).toEqual(Array(20).fill(true));
    expect(c.most).toBeLessThanOrEqual(3);
  });

  it('still buys a crowd of wrong logins no more checks than its budget, and refuses the rest unchecked', async () => {
    const guard = new LoginGuard({ perAddress: 3 });
    const c = checks();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        guard.attempt(`guess-${i}`, '203.0.113.9', c.check(false)).then(
          (ok) => (ok ? 'ok' : 'wrong'),
          (error: unknown) => (error instanceof LoginRefusedError ? error.reason : 'error'),
        ),
      ),
    );
    expect(c.started).toBe(3);
    expect(answers.filter((a) => a === 'wrong')).toHaveLength(3);
    expect(answers.filter((a) => a === 'throttled')).toHaveLength(17);
    // Another address is not affected.
    expect(await guard.attempt('device', '198.51.100.2', c.check(true))).toBe(true);
  });
});
