import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  classifyAttempt,
  DELIVERY_TIMEOUT_MS,
  FAILING_DEACTIVATE_AFTER_MS,
  MAX_RETRY_AFTER_MS,
  nextAttemptAt,
  parseRetryAfter,
  RETRY_SCHEDULE_MS,
  shouldDeactivate,
} from './retry.ts';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const now = new Date('2026-03-01T12:00:00Z');
const mid = () => 0.5; // no jitter
const response = (status: number): AttemptOutcome => ({ kind: 'response', status });

describe('RETRY_SCHEDULE_MS', () => {
  it('is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — 8 attempts over about 27 h', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([0, 5 * S, 5 * MIN, 30 * MIN, 2 * H, 5 * H, 10 * H, 10 * H]);
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0);
    expect(total).toBe(27 * H + 35 * MIN + 5 * S);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(RETRY_SCHEDULE_MS)).toBe(true);
  });

  it('gives receivers 15 s and deactivates after 5 days of failures', () => {
    expect(DELIVERY_TIMEOUT_MS).toBe(15_000);
    expect(FAILING_DEACTIVATE_AFTER_MS).toBe(5 * 24 * H);
  });
});

describe('classifyAttempt', () => {
  it.each([200, 201, 202, 204, 299])('counts %i as success', (status) => {
    expect(classifyAttempt(response(status))).toBe('success');
  });

  it.each([408, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(classifyAttempt(response(status))).toBe('retry');
  });

  it('retries network errors and timeouts', () => {
    expect(classifyAttempt({ kind: 'network', error: 'ECONNREFUSED' })).toBe('retry');
    expect(classifyAttempt({ kind: 'timeout' })).toBe('retry');
  });

  it('reports 410 as gone, so the destination is deactivated', () => {
    expect(classifyAttempt(response(410))).toBe('gone');
  });

  it.each([400, 401, 403, 404, 405, 409, 413, 415, 422, 451, 499])('dead-letters %i at once', (status) => {
    expect(classifyAttempt(response(status))).toBe('dead');
  });

  it.each([100, 101, 199, 300, 301, 302, 304, 307, 308])('dead-letters %i: only 2xx is success', (status) => {
    expect(classifyAttempt(response(status))).toBe('dead');
  });

  it.each([0, 99, 600, 999])('dead-letters the impossible status %i', (status) => {
    expect(classifyAttempt(response(status))).toBe('dead');
  });

  it('ignores Retry-After when classifying', () => {
    expect(classifyAttempt({ kind: 'response', status: 404, retryAfter: '10' })).toBe('dead');
    expect(classifyAttempt({ kind: 'response', status: 503, retryAfter: '10' })).toBe('retry');
  });
});

describe('nextAttemptAt', () => {
  it('walks the whole schedule and then gives up (dead letter)', () => {
    let at = now;
    const times: number[] = [];
    for (let attemptsMade = 0; attemptsMade < 8; attemptsMade++) {
      const next = nextAttemptAt({ attemptsMade, now: at, random: mid });
      expect(next).not.toBeNull();
      times.push(next!.getTime() - at.getTime());
      at = next!;
    }
    expect(times).toEqual([...RETRY_SCHEDULE_MS]);
    expect(nextAttemptAt({ attemptsMade: 8, now: at, random: mid })).toBeNull();
    expect(nextAttemptAt({ attemptsMade: 100, now: at, random: mid })).toBeNull();
  });

  it('makes the first attempt right away whatever the jitter', () => {
    for (const r of [0, 0.25, 0.999999]) {
      expect(nextAttemptAt({ attemptsMade: 0, now, random: () => r })).toEqual(now);
    }
  });

  it('keeps the jitter within ±10 % of each step', () => {
    for (let attemptsMade = 1; attemptsMade < 8; attemptsMade++) {
      const step = RETRY_SCHEDULE_MS[attemptsMade]!;
      const low = nextAttemptAt({ attemptsMade, now, random: () => 0 })!.getTime() - now.getTime();
      const high = nextAttemptAt({ attemptsMade, now, random: () => 0.999999 })!.getTime() - now.getTime();
      expect(low).toBe(Math.round(step * 0.9));
      expect(high).toBeLessThanOrEqual(Math.round(step * 1.1));
      expect(high).toBeGreaterThan(Math.round(step * 1.09));
    }
  });

  it('uses the random value it is given: 0.75 adds 5 %', () => {
    expect(nextAttemptAt({ attemptsMade: 2, now, random: () => 0.75 })!.getTime() - now.getTime()).toBe(
      5.25 * MIN,
    );
  });

  it('waits longer when Retry-After asks for it, in seconds', () => {
    const next = nextAttemptAt({ attemptsMade: 1, now, retryAfter: '120', random: mid });
    expect(next!.getTime() - now.getTime()).toBe(120 * S);
  });

  it('waits longer when Retry-After asks for it, as an HTTP-date', () => {
    const next = nextAttemptAt({
      attemptsMade: 2,
      now,
      retryAfter: 'Sun, 01 Mar 2026 13:00:00 GMT',
      random: mid,
    });
    expect(next).toEqual(new Date('2026-03-01T13:00:00Z'));
  });

  it('keeps the schedule when Retry-After asks for less', () => {
    const next = nextAttemptAt({ attemptsMade: 3, now, retryAfter: '1', random: mid });
    expect(next!.getTime() - now.getTime()).toBe(30 * MIN);
  });

  it('caps Retry-After at 10 hours', () => {
    const next = nextAttemptAt({ attemptsMade: 1, now, retryAfter: '999999', random: mid });
    expect(next!.getTime() - now.getTime()).toBe(MAX_RETRY_AFTER_MS);
    expect(MAX_RETRY_AFTER_MS).toBe(10 * H);
    const far = nextAttemptAt({
      attemptsMade: 1,
      now,
      retryAfter: 'Fri, 01 Jan 2100 00:00:00 GMT',
      random: mid,
    });
    expect(far!.getTime() - now.getTime()).toBe(10 * H);
  });

  it('lets a jittered 10 h step stand above the capped Retry-After', () => {
    const next = nextAttemptAt({ attemptsMade: 6, now, retryAfter: '86400', random: () => 0.999 });
    expect(next!.getTime() - now.getTime()).toBeGreaterThan(10 * H);
  });

  it('ignores a Retry-After it cannot read', () => {
    const next = nextAttemptAt({ attemptsMade: 2, now, retryAfter: 'soon', random: mid });
    expect(next!.getTime() - now.getTime()).toBe(5 * MIN);
  });

  it('does not retry after the last attempt even when Retry-After asks', () => {
    expect(nextAttemptAt({ attemptsMade: 8, now, retryAfter: '5', random: mid })).toBeNull();
  });

  it('refuses a negative or fractional attempt count', () => {
    expect(() => nextAttemptAt({ attemptsMade: -1, now, random: mid })).toThrow(RangeError);
    expect(() => nextAttemptAt({ attemptsMade: 1.5, now, random: mid })).toThrow(RangeError);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('120', now)).toBe(120 * S);
    expect(parseRetryAfter(' 30 ', now)).toBe(30 * S);
  });

  it('reads the three HTTP-date forms of RFC 9110', () => {
    const in90s = new Date(now.getTime() + 90 * S);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90 * S);
    expect(parseRetryAfter('Sunday, 01-Mar-26 12:01:30 GMT', now)).toBe(90 * S);
    expect(parseRetryAfter('Sun Mar  1 12:01:30 2026', now)).toBe(90 * S);
    expect(in90s.toUTCString()).toBe('Sun, 01 Mar 2026 12:01:30 GMT');
  });

  it('reads the RFC 9110 example date', () => {
    const then = new Date('1994-11-06T08:49:00Z');
    expect(parseRetryAfter('Sun, 06 Nov 1994 08:49:37 GMT', then)).toBe(37 * S);
    expect(parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT', then)).toBe(37 * S);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', then)).toBe(37 * S);
  });

  it('treats a date in the past as now', () => {
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });

  it.each([
    '',
    'soon',
    '-5',
    '1.5',
    '5s',
    '2026-03-01T13:00:00Z',
    'Sun, 01 Mar 2026 13:00:00 UTC',
    'Xyz, 01 Mar 2026 13:00:00 GMT',
    'Sun, 01 Foo 2026 13:00:00 GMT',
    'Sun, 31 Feb 2026 13:00:00 GMT',
    'Sun, 01 Mar 2026 25:00:00 GMT',
    'Sun, 1 Mar 2026 13:00:00 GMT',
  ])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it('does not overflow on an absurd number of seconds', () => {
    expect(parseRetryAfter('99999999999999999999', now)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('shouldDeactivate', () => {
  it('never deactivates a healthy destination', () => {
    expect(shouldDeactivate(null, now)).toBe(false);
  });

  it('deactivates after exactly 5 days of failing, not a millisecond before', () => {
    const since = new Date(now.getTime() - FAILING_DEACTIVATE_AFTER_MS);
    expect(shouldDeactivate(since, now)).toBe(true);
    expect(shouldDeactivate(new Date(since.getTime() + 1), now)).toBe(false);
    expect(shouldDeactivate(new Date(now.getTime() - 6 * 24 * H), now)).toBe(true);
  });
});
