import { findBuiltInDecoder } from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import type { PipelineMetrics } from '../../metrics.ts';
import * as repo from './decode.repo.ts';
import type { TwinRow, UplinkPlan } from './plan.ts';

/** The newest value per (device, name) and each device's newest message time, over many plans. */
export function coalesce(
  plans: UplinkPlan[],
  into = { twin: new Map<string, TwinRow>(), last: new Map<string, Date>() },
) {
  for (const plan of plans) {
    for (const row of plan.twin) {
      const key = `${row.deviceId} ${row.name}`;
      const current = into.twin.get(key);
      if (!current || (current.time as Date) <= (row.time as Date)) into.twin.set(key, row);
    }
    const last = plan.lastMessage;
    if (last && !(into.last.get(last.deviceId)! >= last.at)) into.last.set(last.deviceId, last.at);
  }
  return into;
}

/** Writes the twin values and message times of `coalesce`, one statement each. */
export async function writeActivity(tx: Tx, activity: ReturnType<typeof coalesce>): Promise<void> {
  await repo.upsertTwin(tx, [...activity.twin.values()]);
  await repo.setLastMessages(tx, activity.last);
}

/** Writes what plans made of their uplinks — decodings and deliveries — one statement per table. */
export async function writeDecoded(tx: Tx, plans: UplinkPlan[]): Promise<void> {
  await repo.insertDecodings(
    tx,
    plans.flatMap((p) => p.decodings),
  );
  await repo.insertDeliveries(
    tx,
    plans.flatMap((p) => p.deliveries),
  );
}

/** The database's reason, short enough for the uplink's error column and the history page. */
export function storeError(error: unknown): string {
  // Drizzle wraps the database's error (with the whole query) in its own; the database's says why.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const message = (cause instanceof Error ? cause.message : String(cause)).slice(0, 300);
  // Control characters and lone surrogates would make the error itself unstorable.
  const clean = Array.from(message, (ch) => {
    const code = ch.codePointAt(0)!;
    return code < 0x20 || (code >= 0xd800 && code <= 0xdfff) ? '?' : ch;
  }).join('');
  return `The decoded data could not be stored: ${clean}`;
}

/** A plan that stores nothing but the uplink's failure: what the database refused to store. */
export function failedPlan(plan: UplinkPlan, error: unknown): UplinkPlan {
  return {
    outcome: { id: plan.outcome.id, state: 'failed', error: storeError(error) },
    decodings: [],
    deliveries: [],
    twin: [],
    ...(plan.lastMessage ? { lastMessage: plan.lastMessage } : {}),
  };
}

/** Counts committed decoder runs by decoder (built-in names; scripts would count as `custom`). */
export function countDecodings(metrics: PipelineMetrics, plans: UplinkPlan[]): void {
  for (const plan of plans) {
    for (const d of plan.decodings) {
      const decoder = findBuiltInDecoder(d.decoderId)?.name ?? 'custom';
      metrics.decoded.inc({ decoder, outcome: d.error === null ? 'ok' : 'failed' });
    }
  }
}
