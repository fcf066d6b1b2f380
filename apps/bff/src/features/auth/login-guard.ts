import { KdfBusyError } from './kdf-pool.ts';
import { LoginThrottle } from './login-throttle.ts';

/** Why a login was not even checked: too many failures, or the password checks are saturated. */
export class LoginRefusedError extends Error {
  constructor(
    readonly reason: 'throttled' | 'busy',
    readonly retryAfter: number,
  ) {
    super(
      reason === 'throttled'
        ? `Too many failed logins: try again in ${retryAfter} s`
        : 'The server is busy checking logins: try again shortly',
    );
  }
}

/**
 * Budgets for password logins (portal and MQTT devices alike), kept per process:
 * - per (account, address): `perAccount` failures in the window, so guessing one password is slow;
 * - per address, whatever the account: `perAddress` failures in the window, with the checks still
 *   running counted as failures until they end — so random user names or a burst of concurrent attempts
 *   from one address cannot buy more password checks than that. A login that finds the budget filled
 *   only by running checks waits for one to end (then counts again) rather than being refused: many
 *   devices behind one address logging in at once are let in as fast as their checks go;
 * - and the process's KDF pool (`kdf-pool.ts`), which refuses once its queue is full.
 */
export class LoginGuard {
  private readonly accounts: LoginThrottle;
  private readonly addresses: LoginThrottle;
  private readonly inFlight = new Map<string, number>();
  /** Logins waiting for a running check of their address to end (see `attempt`). */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(
    options: { perAccount?: number; perAddress: number; windowMs?: number },
    private readonly now: () => number = Date.now,
  ) {
    const windowMs = options.windowMs ?? 15 * 60_000;
    this.accounts = new LoginThrottle(options.perAccount ?? 10, windowMs);
    this.addresses = new LoginThrottle(options.perAddress, windowMs);
  }

  /**
   * Runs `check` (true: the password is right) unless a budget is spent; throws `LoginRefusedError`
   * without checking otherwise.
   */
  async attempt(account: string, address: string, check: () => Promise<boolean>): Promise<boolean> {
    const accountKey = `${account}|${address}`;
    for (;;) {
      const at = this.now();
      const running = this.inFlight.get(address) ?? 0;
      const wait = Math.max(
        this.accounts.retryAfter(accountKey, at),
        this.addresses.retryAfter(address, at, 0),
      );
      if (wait > 0) throw new LoginRefusedError('throttled', wait);
      if (this.addresses.retryAfter(address, at, running) === 0) break;
      // Only checks still running fill the address's budget (a fleet behind one NAT reconnecting at
      // once): wait for one of them to end instead of refusing a login that may well be right.
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(address) ?? [];
        queue.push(resolve);
        this.waiting.set(address, queue);
      });
    }
    const running = this.inFlight.get(address) ?? 0;
    this.inFlight.set(address, running + 1);
    try {
      const ok = await check();
      if (ok) {
        this.accounts.succeed(accountKey);
      } else {
        this.accounts.fail(accountKey, this.now());
        this.addresses.fail(address, this.now());
      }
      return ok;
    } catch (error) {
      if (error instanceof KdfBusyError) throw new LoginRefusedError('busy', 1);
      throw error;
    } finally {
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left > 0) this.inFlight.set(address, left);
      else this.inFlight.delete(address);
      // Everyone waiting counts again: the next in line takes the free place, and once failures have
      // spent the budget all of them are refused at once.
      const queue = this.waiting.get(address);
      this.waiting.delete(address);
      for (const wake of queue ?? []) wake();
    }
  }
}
