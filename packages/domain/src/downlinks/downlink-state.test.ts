import { describe, expect, it } from 'vitest';
import {
  admitDownlink,
  type DownlinkEvent,
  type DownlinkState,
  type DownlinkStatus,
  FeedbackTimeoutSchema,
  nextDownlink,
  parseFeedbackTimeout,
  transition,
} from './downlink-state.ts';

const state = (status: DownlinkStatus, retryCount = 0, retryLimit = 0): DownlinkState => ({
  status,
  retryCount,
  retryLimit,
  lastFailureReason: null,
});

describe('downlink transitions (PRODUCT §7)', () => {
  const fail = { type: 'fail', reason: 'FAILED_TO_TRANSMIT_TO_DEVICE' } as const;
  // [from, event, to (or null: refused), lastFailureReason, resend]
  const table: [DownlinkState, DownlinkEvent, DownlinkStatus | null, string | null, boolean][] = [
    [state('PENDING'), { type: 'cancel' }, 'CANCELLED', 'CANCELLED', false],
    [state('PENDING'), { type: 'execute' }, 'EXECUTING', null, false],
    [state('PENDING'), { type: 'deliver' }, null, null, false],
    [state('PENDING'), fail, null, null, false],
    [state('PENDING'), { type: 'evict' }, 'FAILED', 'EVICTED', false],
    [state('EXECUTING'), { type: 'cancel' }, null, null, false],
    [state('EXECUTING'), { type: 'execute' }, null, null, false],
    [state('EXECUTING'), { type: 'deliver' }, 'DELIVERED', null, false],
    [state('EXECUTING'), fail, 'FAILED', 'FAILED_TO_TRANSMIT_TO_DEVICE', false],
    [state('EXECUTING', 0, 2), fail, 'EXECUTING', 'FAILED_TO_TRANSMIT_TO_DEVICE', true],
    [state('EXECUTING', 2, 2), fail, 'FAILED', 'FAILED_TO_TRANSMIT_TO_DEVICE', false],
    [
      state('EXECUTING'),
      { type: 'fail', reason: 'NOT_ACKNOWLEDGED_BY_DEVICE' },
      'FAILED',
      'NOT_ACKNOWLEDGED_BY_DEVICE',
      false,
    ],
    [state('EXECUTING'), { type: 'fail', reason: 'FEEDBACK_TIMEOUT' }, 'FAILED', 'FEEDBACK_TIMEOUT', false],
    [state('EXECUTING'), { type: 'evict' }, 'FAILED', 'EVICTED', false],
    ...(['DELIVERED', 'FAILED', 'CANCELLED'] as const).flatMap((ended) =>
      (
        [
          { type: 'cancel' },
          { type: 'execute' },
          { type: 'deliver' },
          fail,
          { type: 'evict' },
        ] as DownlinkEvent[]
      ).map((event): [DownlinkState, DownlinkEvent, null, null, false] => [
        state(ended),
        event,
        null,
        null,
        false,
      ]),
    ),
  ];

  it.each(table)('%o on %o → %s', (from, event, to, reason, resend) => {
    const result = transition(from, event);
    if (to === null) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain(from.status);
      return;
    }
    expect(result).toMatchObject({ ok: true, resend, state: { status: to, lastFailureReason: reason } });
  });

  it('counts retries and keeps the limit', () => {
    let current = state('EXECUTING', 0, 1);
    const first = transition(current, { type: 'fail', reason: 'FAILED_TO_ENQUEUE_FOR_TRANSMISSION' });
    expect(first).toMatchObject({ ok: true, resend: true, state: { status: 'EXECUTING', retryCount: 1 } });
    if (first.ok) current = first.state;
    expect(transition(current, { type: 'deliver' })).toMatchObject({
      ok: true,
      state: { status: 'DELIVERED' },
    });
    expect(transition(current, { type: 'fail', reason: 'FEEDBACK_TIMEOUT' })).toMatchObject({
      ok: true,
      state: { status: 'FAILED', retryCount: 1, lastFailureReason: 'FEEDBACK_TIMEOUT' },
    });
  });
});

describe('per device', () => {
  it('takes a request while fewer than 5 are pending', () => {
    expect(admitDownlink(4)).toEqual({ ok: true });
    expect(admitDownlink(5)).toEqual({
      ok: false,
      error: expect.stringContaining('already has 5 pending downlinks'),
    });
  });

  it('runs the first requested pending downlink, and none while one is executing', () => {
    const d = (id: string, status: DownlinkStatus, createdAt: string) => ({ id, status, createdAt });
    const queue = [
      d('c', 'PENDING', '2026-12-08T10:00:02.000Z'),
      d('b', 'PENDING', '2026-12-08T10:00:01.000Z'),
      d('a', 'DELIVERED', '2026-12-08T09:00:00.000Z'),
      d('d', 'PENDING', '2026-12-08T10:00:01.000Z'),
    ];
    expect(nextDownlink(queue)?.id).toBe('b');
    expect(nextDownlink([...queue, d('e', 'EXECUTING', '2026-12-08T11:00:00.000Z')])).toBeUndefined();
    expect(nextDownlink([d('x', 'CANCELLED', '2026-12-08T10:00:00.000Z')])).toBeUndefined();
  });
});

describe('feedbackTimeout', () => {
  it.each([
    ['PT10M', 600],
    ['PT25H', 90_000],
    ['P1D', 86_400],
    ['P1DT2H30M', 95_400],
    ['PT600S', 600],
    ['PT9M60S', 600],
    ['PT600.5S', 600.5],
  ])('reads %s as %d s', (text, seconds) => {
    expect(parseFeedbackTimeout(text)).toEqual({ seconds });
    expect(FeedbackTimeoutSchema.safeParse(text).success).toBe(true);
  });

  it.each(['PT9M59S', 'PT5M', 'P0D'])('refuses %s: under ten minutes', (text) => {
    expect(parseFeedbackTimeout(text)).toEqual({ error: 'must be at least 10 minutes (PT10M)' });
  });

  it.each(['', 'P', 'PT', '10M', 'P1Y', 'P1M', 'P2W', 'PT1H ', 'p1d', 'P1DT', 'PT-10M', 'P1.5D'])(
    'refuses %j: not a duration of days, hours, minutes and seconds',
    (text) => {
      expect(parseFeedbackTimeout(text)).toEqual({ error: expect.stringContaining('ISO-8601 duration') });
      const parsed = FeedbackTimeoutSchema.safeParse(text);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^feedbackTimeout must be an ISO-8601 duration/);
    },
  );
});
