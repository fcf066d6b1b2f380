import {
  DELIVERY_TIMEOUT_MS,
  nextAttemptAt,
  RETRY_SCHEDULE_MS,
  redactHeaders,
  shouldDeactivate,
} from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import { groupCommit } from '../../db/group-commit.ts';
import { uuidv7Time } from '../../db/ids.ts';
import type { Deps } from '../../http/types.ts';
import type { DeliveryRow } from '../decode/plan.ts';
import * as repo from './deliver.repo.ts';
import { createSenders, type Sender, type SendResult } from './senders/index.ts';
import { describeOutcome } from './senders/sender.ts';

/** A claimed delivery is leased a little longer than one attempt may take. */
export const LEASE_MS = 60_000;
/** Deliveries handed over in memory and not yet sent, at most: past this, workers claim them. */
const MEMORY_MAX = 2_000;
/** Requests in flight from memory at most, and to one destination (as a drain's window and share). */
const MEMORY_WINDOW = 256;
const MEMORY_SHARE = 64;
/** Deliveries claimed by one query. */
const CLAIM_MAX = 100;

interface Settled {
  d: repo.ClaimedDelivery;
  sender: Sender;
  headers: Record<string, string>;
  secretHeaders: string[];
  result: SendResult;
  at: Date;
}

/**
 * The forward stage: claims due deliveries, sends them concurrently, logs every attempt and moves each
 * delivery on (succeeded, retry on the schedule, dead letter), deactivating a destination that answers
 * 410 or has failed every delivery for 5 days.
 */
export function createDeliverer(
  { db, now, env, logger, metrics }: Pick<Deps, 'db' | 'now' | 'env' | 'logger' | 'metrics'>,
  random: () => number = Math.random,
) {
  const senders = createSenders({ db, allowPrivate: env.ALLOW_PRIVATE_DESTINATIONS });

  /** Records a group of attempts in one transaction and moves each delivery on, then counts them. */
  async function settleAll(items: Settled[]) {
    await record(items);
    for (const { d, sender, result, at } of items) {
      const verdict = sender.verdict(result.outcome);
      const outcome =
        verdict === 'success'
          ? 'succeeded'
          : verdict === 'retry' && d.attempts + 1 < RETRY_SCHEDULE_MS.length
            ? 'retried'
            : 'dead';
      metrics.pipeline.attempts.inc({ kind: d.kind, outcome });
      const created = uuidv7Time(d.id);
      if (verdict === 'success' && created !== undefined)
        metrics.pipeline.latency.observe(
          { kind: d.kind },
          Math.max(0, at.getTime() + result.latencyMs - created) / 1000,
        );
    }
  }

  /**
   * One statement records the attempts and the successes; a failure (rare) also moves its delivery on
   * to a retry or the dead letters, in the same transaction.
   */
  async function record(items: Settled[]) {
    const success = (i: Settled) => i.sender.verdict(i.result.outcome) === 'success';
    const write = (conn: Tx | typeof db) =>
      repo.recordAttempts(
        conn,
        items.map(({ d, headers, secretHeaders, result, at }) => ({
          deliveryId: d.id,
          destinationId: d.destinationId,
          at,
          requestHeaders: redactHeaders(headers, secretHeaders),
          status: result.outcome.kind === 'response' ? result.outcome.status : null,
          latencyMs: result.latencyMs,
          response: result.response,
          // The attempt's status says what the receiver answered; `error` is for attempts without an answer.
          error: result.outcome.kind === 'response' ? null : describeOutcome(result.outcome),
        })),
        items.filter(success).map(({ d, result, at }) => ({
          id: d.id,
          attempts: d.attempts + 1,
          status: result.outcome.kind === 'response' ? result.outcome.status : null,
          at,
        })),
      );
    const failures = items.filter((i) => !success(i));
    if (failures.length === 0) return write(db);
    await db.transaction(async (tx) => {
      await write(tx);
      for (const item of failures) await settleFailure(tx, item);
    });
  }

  /** A failed attempt: the next retry on the schedule, or the dead letters; the destination's health. */
  async function settleFailure(tx: Tx, { d, sender, result, at }: Settled) {
    const verdict = sender.verdict(result.outcome);
    const attempts = d.attempts + 1;
    const error = describeOutcome(result.outcome);
    const status = result.outcome.kind === 'response' ? result.outcome.status : null;
    const next =
      verdict === 'retry'
        ? nextAttemptAt({
            attemptsMade: attempts,
            now: at,
            random,
            ...(result.outcome.kind === 'response' && result.outcome.retryAfter
              ? { retryAfter: result.outcome.retryAfter }
              : {}),
          })
        : null;
    await repo.updateDelivery(
      tx,
      d.id,
      next
        ? { attempts, nextAttemptAt: next, lastStatus: status, lastError: error }
        : { state: 'dead', attempts, lastStatus: status, lastError: error, finishedAt: at },
    );
    const failingSince = await repo.destinationFailing(tx, d.destinationId, at);
    if (verdict === 'gone')
      await repo.deactivateDestination(tx, d.destinationId, 'The endpoint answered 410 Gone', at);
    else if (shouldDeactivate(failingSince, at)) {
      await repo.deactivateDestination(tx, d.destinationId, 'Every delivery failed for 5 days', at);
    }
  }

  // Group commit: attempts that finish while a group is being written are written together next.
  const settler = groupCommit(settleAll);

  /**
   * Sends claimed deliveries of one destination as one batch of its kind and records every attempt;
   * a failure to record is logged, not thrown (the lease brings the deliveries back).
   */
  async function deliverGroup(group: repo.ClaimedDelivery[], onAnswered: () => void = () => {}) {
    const at = now();
    try {
      const sender = senders[group[0]!.kind];
      const batch = group.map((d) => ({ d, at, ...sender.serialise(d, at) }));
      let results: SendResult[];
      try {
        results = await sender.sendBatch(batch);
      } finally {
        onAnswered();
      }
      await Promise.all(batch.map((item, i) => settler.add({ ...item, sender, result: results[i]! })));
    } catch (error) {
      logger.error(
        { err: error, deliveryIds: group.map((d) => d.id) },
        'delivery attempt could not be recorded',
      );
    }
  }
  const deliverOne = (d: repo.ClaimedDelivery, onAnswered?: () => void) => deliverGroup([d], onAnswered);

  /**
   * Claims and leases up to `limit` due deliveries, at most `room(destination)` of each destination
   * (those with no room are left out of the query). `locked` says how many due rows there were,
   * `blocked` which destinations had deliveries left behind for want of room.
   */
  async function claim(limit: number, room: (destinationId: string) => number = () => limit) {
    return db.transaction(async (tx) => {
      const at = now();
      const full = [...inFlightByDestination].filter(([id]) => room(id) <= 0).map(([id]) => id);
      const locked = await repo.claimDeliveries(tx, at, limit, full);
      const taken = new Map<string, number>();
      // Destinations with due deliveries left behind for want of room: left out, or trimmed here.
      const blocked = new Set(full);
      const kept = locked.filter((d) => {
        const n = taken.get(d.destinationId) ?? 0;
        if (n >= room(d.destinationId)) {
          blocked.add(d.destinationId);
          return false;
        }
        taken.set(d.destinationId, n + 1);
        return true;
      });
      await repo.leaseDeliveries(
        tx,
        kept.map((d) => d.id),
        new Date(at.getTime() + LEASE_MS),
      );
      return { kept, locked: locked.length, blocked };
    });
  }
  /** Requests in flight per destination, over every drain of this deliverer. */
  const inFlightByDestination = new Map<string, number>();

  // ---- deliveries handed over in memory by ingest, right after their commit ----
  const window = slots(MEMORY_WINDOW);
  const shares = new Map<string, ReturnType<typeof slots>>();
  const shareOf = (destinationId: string) => {
    let share = shares.get(destinationId);
    if (!share) {
      share = slots(MEMORY_SHARE);
      shares.set(destinationId, share);
    }
    return share;
  };
  /** The last send queued per (destination, device): one device's messages reach a receiver in order. */
  const chains = new Map<string, Promise<void>>();
  const memorySends = new Set<Promise<void>>();
  let queued = 0;

  /** Sends one delivery handed over in memory, unless its lease would run out before it is answered. */
  async function sendFromMemory(d: repo.ClaimedDelivery, leasedUntil: number) {
    const share = shareOf(d.destinationId);
    await share.take();
    await window.take();
    const id = d.destinationId;
    inFlightByDestination.set(id, (inFlightByDestination.get(id) ?? 0) + 1);
    try {
      // A claim may take it once the lease is over: then leave it to the claim (no second copy).
      if (now().getTime() + DELIVERY_TIMEOUT_MS * 2 > leasedUntil) return;
      await deliverOne(d);
    } finally {
      const left = (inFlightByDestination.get(id) ?? 1) - 1;
      if (left > 0) inFlightByDestination.set(id, left);
      else inFlightByDestination.delete(id);
      window.give();
      share.give();
      queued--;
    }
  }
  let wake: (() => void) | undefined;
  /**
   * Counts what may make more deliveries claimable — new ones queued (a wake-up), a destination that
   * had deliveries left behind getting room — so one that comes during a claim is not lost.
   */
  let signals = 0;

  return {
    /** Whether `n` more deliveries may be handed over in memory now (else they wait for a claim). */
    accepting(n: number): boolean {
      return queued + n <= MEMORY_MAX;
    },
    /**
     * Sends deliveries just committed and leased to this process, from memory: at most a window in
     * flight and a share per destination (as a drain), one device's deliveries to one destination in
     * order. Their outcomes are recorded like claimed ones'.
     */
    submit(rows: DeliveryRow[], targets: DeliveryTarget[]): void {
      const byId = new Map(targets.map((t) => [t.destinationId, t]));
      for (const row of rows) {
        const target = byId.get(row.destinationId);
        if (!target || !row.id || !row.deviceId) continue;
        const d: repo.ClaimedDelivery = {
          ...target,
          id: row.id,
          body: row.body,
          attempts: 0,
          deviceId: row.deviceId,
        };
        const leasedUntil = (row.nextAttemptAt as Date).getTime();
        const key = `${d.destinationId} ${d.deviceId}`;
        queued++;
        const run = () => sendFromMemory(d, leasedUntil);
        const tail = (chains.get(key) ?? Promise.resolve()).then(run, run);
        chains.set(key, tail);
        const tracked: Promise<void> = tail.finally(() => {
          if (chains.get(key) === tail) chains.delete(key);
          memorySends.delete(tracked);
        });
        memorySends.add(tracked);
      }
    },
    /** Resolves once everything handed over so far is sent and recorded. */
    async idle(): Promise<void> {
      while (memorySends.size > 0) await Promise.all([...memorySends]);
      await settler.idle();
    },
    /** Sends one batch of due deliveries and records them; returns how many were attempted. */
    async deliverBatch(limit = 100): Promise<number> {
      const { kept } = await claim(limit);
      const byDestination = new Map<string, repo.ClaimedDelivery[]>();
      for (const d of kept)
        byDestination.set(d.destinationId, [...(byDestination.get(d.destinationId) ?? []), d]);
      await Promise.all([...byDestination.values()].map((group) => deliverGroup(group)));
      return kept.length;
    },
    /**
     * Sends due deliveries until none is left, keeping up to `window` requests in flight and at most
     * `perDestination` of them to one destination: a slow receiver holds only its own share, while
     * the others' deliveries keep being claimed and sent. Returns how many were attempted.
     */
    async drain(window = 256, perDestination = Math.max(1, Math.floor(window / 4))): Promise<number> {
      const inFlight = new Set<Promise<void>>();
      const blocked = new Set<string>();
      let total = 0;
      // Whether a claim may find something: after one that found less than it asked for, only a
      // signal (new deliveries, room for a blocked destination) makes another worth a query.
      let claimable = true;
      const roomOf = (destinationId: string) =>
        perDestination - (inFlightByDestination.get(destinationId) ?? 0);
      const start = (d: repo.ClaimedDelivery) => {
        const id = d.destinationId;
        inFlightByDestination.set(id, (inFlightByDestination.get(id) ?? 0) + 1);
        let answered = false;
        // The destination's share counts requests to it; the window also counts the recording.
        const freeShare = () => {
          if (answered) return;
          answered = true;
          const left = (inFlightByDestination.get(id) ?? 1) - 1;
          if (left > 0) inFlightByDestination.set(id, left);
          else inFlightByDestination.delete(id);
          // A blocked destination is worth a claim again once half its share is free, not per request.
          if (left <= perDestination / 2 && blocked.delete(id)) signals++;
        };
        const sending: Promise<void> = deliverOne(d, freeShare).finally(() => {
          freeShare();
          inFlight.delete(sending);
        });
        inFlight.add(sending);
      };
      for (;;) {
        const room = window - inFlight.size;
        // Claims come in chunks of at least a quarter window (or when nothing is in flight).
        if (claimable && (inFlight.size === 0 || room >= Math.min(window / 4, CLAIM_MAX))) {
          const ask = Math.min(room, CLAIM_MAX);
          const seen = signals;
          const claimed = await claim(ask, roomOf);
          total += claimed.kept.length;
          for (const d of claimed.kept) start(d);
          for (const id of claimed.blocked) {
            // Its requests may have been answered while the claim ran: then no answer is left to say so.
            if ((inFlightByDestination.get(id) ?? 0) <= perDestination / 2) signals++;
            else blocked.add(id);
          }
          // A full claim: more may be due right now.
          if (claimed.locked === ask) continue;
          claimable = signals !== seen;
        }
        if (inFlight.size === 0) {
          if (!claimable) return total;
          continue;
        }
        const before = signals;
        const wakeUp = new Promise<void>((resolve) => {
          wake = resolve;
        });
        await Promise.race([wakeUp, ...inFlight]);
        wake = undefined;
        if (signals !== before) claimable = true;
      }
    },
    /** New deliveries were queued: a running drain claims them without waiting for its requests. */
    wake() {
      signals++;
      const resolve = wake;
      wake = undefined;
      resolve?.();
    },
    close: async () => {
      while (memorySends.size > 0) await Promise.all([...memorySends]);
      await settler.idle();
      await Promise.all(Object.values(senders).map((sender) => sender.close()));
    },
  };
}

/** What a sender needs of a destination (a delivery's target), as the ingest context reads it. */
export type DeliveryTarget = Omit<repo.ClaimedDelivery, 'id' | 'body' | 'attempts' | 'deviceId'>;

/** A counting semaphore: `take` waits for a free slot, `give` hands it to the next waiter. */
function slots(limit: number) {
  let used = 0;
  const waiting: (() => void)[] = [];
  return {
    async take(): Promise<void> {
      if (used < limit) {
        used++;
        return;
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    },
    give(): void {
      const next = waiting.shift();
      if (next) next();
      else used--;
    },
  };
}

export type Deliverer = ReturnType<typeof createDeliverer>;
