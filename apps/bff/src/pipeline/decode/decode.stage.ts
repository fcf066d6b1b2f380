import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './decode.repo.ts';
import { planUplink, type UplinkPlan } from './plan.ts';
import { coalesce, countDecodings, failedPlan, writeActivity, writeDecoded } from './store.ts';

/** Everything the decode stage writes for its plans, with their outcomes. */
async function writePlans(tx: Tx, plans: UplinkPlan[], at: Date): Promise<void> {
  await writeDecoded(tx, plans);
  await repo.finishUplinks(
    tx,
    plans.map((p) => p.outcome),
    at,
  );
  await writeActivity(tx, coalesce(plans));
}

/**
 * The decode stage for uplinks still `accepted`: ingest decodes every uplink in the transaction that
 * stores it, so this finds only what an older version left in the queue. It claims a batch and, in the
 * same transaction, stores each flow's decoding, the twin's reported state and one delivery per
 * (uplink, destination), every table once per batch. Should that write fail, the batch is written again
 * uplink by uplink, each in a savepoint: an uplink whose data the database refuses is stored as failed
 * with the reason, and no message can stall the queue (PRODUCT §6). Returns how many uplinks it settled.
 */
export async function processUplinks(
  { db, now, logger, metrics }: Pick<Deps, 'db' | 'now' | 'logger' | 'metrics'>,
  limit = 200,
): Promise<number> {
  const written: UplinkPlan[] = [];
  const settled = await db.transaction(async (tx) => {
    written.length = 0;
    const batch = await repo.claimUplinks(tx, limit);
    if (batch.length === 0) return 0;
    const context = await repo.deviceContexts(tx, [...new Set(batch.map((u) => u.deviceId))]);
    const at = now();
    const plans = batch.map((uplink) => planUplink(uplink, context, at));
    try {
      await tx.transaction((batchTx) => writePlans(batchTx, plans, at));
      written.push(...plans);
      return batch.length;
    } catch (error) {
      logger.warn(
        { err: error, uplinks: plans.length },
        'decode batch could not be stored; writing uplink by uplink',
      );
    }
    for (const plan of plans) {
      try {
        await tx.transaction((oneTx) => writePlans(oneTx, [plan], at));
        written.push(plan);
      } catch (error) {
        logger.warn(
          { err: error, uplinkId: plan.outcome.id },
          'uplink failed: its decoded data could not be stored',
        );
        const failed = failedPlan(plan, error);
        await writePlans(tx, [failed], at);
        written.push(failed);
      }
    }
    return batch.length;
  });
  // Counted once committed.
  countDecodings(metrics.pipeline, written);
  return settled;
}
