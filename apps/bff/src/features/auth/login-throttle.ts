/**
 * Failed logins per (account, IP): after `max` failures inside `windowMs` further attempts are refused
 * until the window has passed, which makes password guessing slow without locking the account for
 * everyone else. Kept in memory: each server process counts its own attempts.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; firstAt: number }>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /**
   * Seconds until the key may try again, or 0 when it may try now. `pending` attempts still running
   * count as failures (they may turn out to be), so a burst cannot overshoot the budget.
   */
  retryAfter(key: string, now: number, pending = 0): number {
    const entry = this.failures.get(key);
    if (entry && now - entry.firstAt >= this.windowMs) this.failures.delete(key);
    const live = this.failures.get(key);
    if ((live?.count ?? 0) + pending < this.max) return 0;
    return live ? Math.max(1, Math.ceil((live.firstAt + this.windowMs - now) / 1000)) : 1;
  }

  fail(key: string, now: number): void {
    const entry = this.failures.get(key);
    if (!entry || now - entry.firstAt >= this.windowMs) this.failures.set(key, { count: 1, firstAt: now });
    else entry.count++;
    if (this.failures.size > 100_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures)
      if (now - entry.firstAt >= this.windowMs) this.failures.delete(key);
  }
}
