import { z } from 'zod';

/**
 * The life of a downlink (PRODUCT §7), as pure rules the API, the queue and every network's delivery
 * share: PENDING → EXECUTING → DELIVERED | FAILED, and PENDING → CANCELLED. Per device at most one
 * EXECUTING and five PENDING, taken FIFO by request time.
 */
export const DOWNLINK_STATUSES = ['PENDING', 'EXECUTING', 'DELIVERED', 'FAILED', 'CANCELLED'] as const;
export type DownlinkStatus = (typeof DOWNLINK_STATUSES)[number];

/** Why a downlink ended without being delivered (`lastFailureReason`), as the reference names them. */
export const DOWNLINK_FAILURE_REASONS = [
  'CANCELLED',
  'FEEDBACK_TIMEOUT',
  'NOT_ACKNOWLEDGED_BY_DEVICE',
  'FAILED_TO_TRANSMIT_TO_DEVICE',
  'FAILED_TO_ENQUEUE_FOR_TRANSMISSION',
  'EVICTED',
] as const;
export type DownlinkFailureReason = (typeof DOWNLINK_FAILURE_REASONS)[number];

/** Per device: downlinks waiting, and being executed. */
export const DOWNLINKS_PER_DEVICE = { pending: 5, executing: 1 } as const;

/** The shortest feedback timeout a downlink may ask for: ten minutes. */
export const MIN_FEEDBACK_TIMEOUT_SECONDS = 600;

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * A feedback timeout in seconds, from the ISO-8601 subset the reference allows: days, hours, minutes and
 * seconds (`P1DT2H`, `PT25H`, `PT10M`, `PT90.5S`); a day is exactly 24 hours. Years, months and weeks are
 * not allowed. Returns the reason when the text is not such a duration or is under ten minutes.
 */
export function parseFeedbackTimeout(text: string): { seconds: number } | { error: string } {
  const match = DURATION.exec(text);
  const [, d, h, m, s] = match ?? [];
  // "P" and "PT" alone name no duration; a "T" needs a time part after it.
  if (!match || text === 'P' || text.endsWith('T') || [d, h, m, s].every((part) => part === undefined)) {
    return {
      error:
        'must be an ISO-8601 duration of days, hours, minutes and seconds, such as PT10M, PT25H or P1DT12H',
    };
  }
  const seconds = Number(d ?? 0) * 86_400 + Number(h ?? 0) * 3_600 + Number(m ?? 0) * 60 + Number(s ?? 0);
  if (seconds < MIN_FEEDBACK_TIMEOUT_SECONDS) return { error: 'must be at least 10 minutes (PT10M)' };
  return { seconds };
}

/** `feedbackTimeout` in a request: the duration as given, checked (400 with the reason otherwise). */
export const FeedbackTimeoutSchema = z
  .string()
  .superRefine((text, ctx) => {
    const parsed = parseFeedbackTimeout(text);
    if ('error' in parsed) ctx.addIssue({ code: 'custom', message: `feedbackTimeout ${parsed.error}` });
  })
  .describe('ISO-8601 duration: days, hours, minutes, seconds (a day is 24 h); at least PT10M');

/** What the rules need of a downlink. */
export interface DownlinkState {
  status: DownlinkStatus;
  retryCount: number;
  retryLimit: number;
  lastFailureReason: DownlinkFailureReason | null;
}

export type DownlinkEvent =
  /** The user cancels it. */
  | { type: 'cancel' }
  /** Its turn came: it is sent to the device (or its network). */
  | { type: 'execute' }
  /** The device confirmed it (an ACK, the next uplink, or a dry run pretending so). */
  | { type: 'deliver' }
  /** Sending, enqueueing or the device's confirmation failed: retried while retries are left. */
  | { type: 'fail'; reason: Exclude<DownlinkFailureReason, 'CANCELLED' | 'EVICTED'> }
  /** Taken out of the queue by the platform (the device was deactivated or deleted). */
  | { type: 'evict' };

export type DownlinkTransition =
  | { ok: true; state: DownlinkState /** Send it again (a retry). */; resend: boolean }
  | { ok: false; error: string };

const refuse = (error: string): DownlinkTransition => ({ ok: false, error });

/** The next state of a downlink after an event, or why the event does not apply to it. */
export function transition(state: DownlinkState, event: DownlinkEvent): DownlinkTransition {
  const next = (patch: Partial<DownlinkState>, resend = false): DownlinkTransition => ({
    ok: true,
    state: { ...state, ...patch },
    resend,
  });
  switch (event.type) {
    case 'cancel':
      return state.status === 'PENDING'
        ? next({ status: 'CANCELLED', lastFailureReason: 'CANCELLED' })
        : refuse(`Only a PENDING downlink can be cancelled; this one is ${state.status}`);
    case 'execute':
      return state.status === 'PENDING'
        ? next({ status: 'EXECUTING' })
        : refuse(`Only a PENDING downlink can be executed; this one is ${state.status}`);
    case 'deliver':
      return state.status === 'EXECUTING'
        ? next({ status: 'DELIVERED' })
        : refuse(`Only an EXECUTING downlink can be delivered; this one is ${state.status}`);
    case 'fail':
      if (state.status !== 'EXECUTING')
        return refuse(`Only an EXECUTING downlink can fail; this one is ${state.status}`);
      // A retry keeps it EXECUTING (sent again), so the device's limits hold while it is retried.
      return state.retryCount < state.retryLimit
        ? next({ retryCount: state.retryCount + 1, lastFailureReason: event.reason }, true)
        : next({ status: 'FAILED', lastFailureReason: event.reason });
    case 'evict':
      return state.status === 'PENDING' || state.status === 'EXECUTING'
        ? next({ status: 'FAILED', lastFailureReason: 'EVICTED' })
        : refuse(`A ${state.status} downlink has already ended`);
  }
}

/** Whether a device may take one more downlink request, given how many it has waiting. */
export function admitDownlink(pending: number): { ok: true } | { ok: false; error: string } {
  return pending < DOWNLINKS_PER_DEVICE.pending
    ? { ok: true }
    : {
        ok: false,
        error: `The device already has ${DOWNLINKS_PER_DEVICE.pending} pending downlinks; wait until one is executed or cancel one`,
      };
}

/**
 * Which downlink of a device runs next: none while one is EXECUTING, else the PENDING one requested
 * first (ties by id, so every process picks the same one).
 */
export function nextDownlink<T extends { id: string; status: DownlinkStatus; createdAt: string }>(
  downlinks: readonly T[],
): T | undefined {
  if (downlinks.some((d) => d.status === 'EXECUTING')) return undefined;
  return downlinks
    .filter((d) => d.status === 'PENDING')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))[0];
}
