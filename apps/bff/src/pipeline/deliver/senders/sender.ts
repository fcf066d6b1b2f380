import {
  type AttemptClass,
  type AttemptOutcome,
  classifyAttempt,
  type DestinationKind,
} from '@openthings/domain';
import type { ClaimedDelivery } from '../deliver.repo.ts';

/** What one attempt came to: the outcome the retry rules read, its latency and the answer's excerpt. */
export interface SendResult {
  outcome: AttemptOutcome;
  latencyMs: number;
  response: string | null;
}

/** A delivery made ready to send: the request headers it carries (and logs) at the attempt's time. */
export interface Outgoing {
  d: ClaimedDelivery;
  headers: Record<string, string>;
  at: Date;
}

/** The destination a delivery goes to, without the delivery (what "test connection" needs). */
export type Target = Pick<
  ClaimedDelivery,
  'destinationId' | 'kind' | 'config' | 'sharedSecret' | 'previousSharedSecret' | 'previousSecretUntil'
>;

/** What trying a destination without a real delivery found. */
export interface ConnectionTest {
  ok: boolean;
  /** One sentence for people: what answered, or why nothing did. */
  message: string;
  status: number | null;
  latencyMs: number;
}

/**
 * One kind of destination as the deliverer sees it: the deliverer claims, orders, records and retries;
 * a sender only knows how its kind serialises, sends and fails. Adding a kind (cloud queues, …) is one
 * file implementing this, registered in `createSenders`.
 */
export interface Sender {
  readonly kind: DestinationKind;
  /** The headers a delivery carries (signatures, authentication), and which of them the log hides. */
  serialise(d: ClaimedDelivery, at: Date): { headers: Record<string, string>; secretHeaders: string[] };
  /**
   * Sends deliveries of one destination; one result per delivery, in order. A failed send is a
   * result (retried or dead-lettered by `verdict`); a throw means nothing is known, and the lease
   * brings the deliveries back.
   */
  sendBatch(batch: Outgoing[]): Promise<SendResult[]>;
  /** What an outcome means for the delivery: success, retry later, dead letter, or the destination gone. */
  verdict(outcome: AttemptOutcome): AttemptClass;
  /** Tries the destination (connects, or sends a signed test message) without a real delivery. */
  testConnection(target: Target, at: Date): Promise<ConnectionTest>;
  close(): Promise<void>;
}

/** PRODUCT §6 for every kind that answers like HTTP: only 2xx succeeds, 410 is gone. */
export const httpVerdict = (outcome: AttemptOutcome): AttemptClass => classifyAttempt(outcome);

/** An attempt's error text for the log and the dead letters; null when the receiver accepted it. */
export function describeOutcome(outcome: AttemptOutcome): string | null {
  if (outcome.kind === 'timeout') return 'Timed out after 15 s';
  if (outcome.kind === 'network') return outcome.error;
  return outcome.status >= 200 && outcome.status < 300 ? null : `HTTP ${outcome.status}`;
}

/** A connection test's answer from one send result. */
export function testFromResult(result: SendResult, what: string): ConnectionTest {
  const { outcome, latencyMs } = result;
  if (outcome.kind === 'response') {
    const ok = outcome.status >= 200 && outcome.status < 300;
    return {
      ok,
      status: outcome.status,
      latencyMs,
      message: ok
        ? `${what} answered HTTP ${outcome.status} in ${latencyMs} ms.`
        : `${what} answered HTTP ${outcome.status}: deliveries would ${verdictWords(outcome)}.`,
    };
  }
  return { ok: false, status: null, latencyMs, message: describeOutcome(outcome) ?? 'No answer.' };
}

function verdictWords(outcome: AttemptOutcome): string {
  const verdict = classifyAttempt(outcome);
  if (verdict === 'retry') return 'be retried';
  if (verdict === 'gone') return 'deactivate the destination (410 Gone)';
  return 'go to the dead letters';
}
