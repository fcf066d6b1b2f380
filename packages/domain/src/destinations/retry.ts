/**
 * Delivery retry rules (PRODUCT §6). Pure: the worker passes `now` and `random`, so every schedule is
 * reproducible in tests and the same rules can be shown in the portal.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * Delay before each attempt, counted from the previous one: immediately, 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h, 10 h — 8 attempts over ≈ 27 h, long enough to ride out a receiver's overnight outage.
 */
export const RETRY_SCHEDULE_MS: readonly number[] = Object.freeze([
  0,
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
]);

/** A receiver's `Retry-After` may push an attempt back, but never further than the longest step. */
export const MAX_RETRY_AFTER_MS = 10 * HOUR;

/** ±10 %: spreads the retries of many messages that failed together, so a recovering receiver is not hit at once. */
export const RETRY_JITTER = 0.1;

/** A receiver gets 15 s to answer; slower is a timeout, which retries. */
export const DELIVERY_TIMEOUT_MS = 15_000;

/** A destination whose every delivery has failed for this long is set Inactive. */
export const FAILING_DEACTIVATE_AFTER_MS = 5 * 24 * HOUR;

export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string }
  | { kind: 'network'; error: string }
  | { kind: 'timeout' };

export type AttemptClass = 'success' | 'retry' | 'dead' | 'gone';

/**
 * What one attempt means for the delivery. Only 2xx is success (a 3xx is not followed: the receiver
 * should be configured with its final URL). Errors that can pass — network, timeout, 408, 429, 5xx —
 * retry; 410 says the endpoint is gone for good, so the destination is deactivated; any other answer
 * (1xx, 3xx, other 4xx, nonsense codes) will not change on retry and goes to dead letters at once.
 */
export function classifyAttempt(outcome: AttemptOutcome): AttemptClass {
  if (outcome.kind !== 'response') return 'retry';
  const { status } = outcome;
  if (status >= 200 && status <= 299) return 'success';
  if (status === 410) return 'gone';
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return 'retry';
  return 'dead';
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LONG_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const IMF_FIXDATE = /^([A-Z][a-z]{2}), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const RFC850_DATE = /^([A-Z][a-z]+), (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME_DATE = /^([A-Z][a-z]{2}) ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, month: string, day: number, h: number, m: number, s: number) {
  const monthIndex = MONTHS.indexOf(month);
  if (monthIndex < 0 || h > 23 || m > 59 || s > 60) return undefined;
  const time = Date.UTC(year, monthIndex, day, h, m, Math.min(s, 59));
  // Date.UTC rolls 31 Feb over into March; a date that does not exist is not a date.
  if (new Date(time).getUTCDate() !== day) return undefined;
  return time;
}

/** HTTP-date in the three forms RFC 9110 §5.6.7 obliges a recipient to accept; ms since epoch. */
function parseHttpDate(value: string, now: Date): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) {
    if (!DAYS.includes(match[1]!)) return undefined;
    return utc(+match[4]!, match[3]!, +match[2]!, +match[5]!, +match[6]!, +match[7]!);
  }
  match = RFC850_DATE.exec(value);
  if (match) {
    if (!LONG_DAYS.includes(match[1]!)) return undefined;
    // Two-digit years: RFC 9110 says one more than 50 years in the future means the previous century.
    let year = 2000 + +match[4]!;
    if (year > now.getUTCFullYear() + 50) year -= 100;
    return utc(year, match[3]!, +match[2]!, +match[5]!, +match[6]!, +match[7]!);
  }
  match = ASCTIME_DATE.exec(value);
  if (match) {
    if (!DAYS.includes(match[1]!)) return undefined;
    return utc(+match[7]!, match[2]!, +match[3]!.trim(), +match[4]!, +match[5]!, +match[6]!);
  }
  return undefined;
}

/**
 * A `Retry-After` value as a delay in ms from `now`: delta-seconds or an HTTP-date (a date in the past
 * means "now", 0). Anything else is ignored (undefined) rather than guessed at — `Date.parse` would
 * read "5" as the year 2001.
 */
export function parseRetryAfter(value: string, now: Date): number | undefined {
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds * 1000) ? seconds * 1000 : Number.MAX_SAFE_INTEGER;
  }
  const time = parseHttpDate(text, now);
  return time === undefined ? undefined : Math.max(0, time - now.getTime());
}

/**
 * When to try again after `attemptsMade` attempts, or null when the schedule is spent (dead letter).
 * The scheduled delay gets ±10 % jitter from `random` (in [0, 1)); a later `Retry-After` wins, capped at
 * 10 h, but never pulls an attempt earlier than the schedule.
 */
export function nextAttemptAt(input: {
  attemptsMade: number;
  now: Date;
  retryAfter?: string;
  random: () => number;
}): Date | null {
  const { attemptsMade, now } = input;
  if (!Number.isInteger(attemptsMade) || attemptsMade < 0) {
    throw new RangeError('attemptsMade must be a whole number of attempts');
  }
  const base = RETRY_SCHEDULE_MS[attemptsMade];
  if (base === undefined) return null;
  const factor = 1 + (input.random() * 2 - 1) * RETRY_JITTER;
  let delay = Math.round(base * factor);
  if (input.retryAfter !== undefined) {
    const asked = parseRetryAfter(input.retryAfter, now);
    if (asked !== undefined) delay = Math.max(delay, Math.min(asked, MAX_RETRY_AFTER_MS));
  }
  return new Date(now.getTime() + delay);
}

/** True once a destination has failed every delivery for 5 days; `failingSince` is null while healthy. */
export function shouldDeactivate(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= FAILING_DEACTIVATE_AFTER_MS;
}
