import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { executeRows } from '../db/client.ts';

export interface QueueDepths {
  /** Deliveries not yet accepted by their destination (due, leased or waiting for a retry). */
  undelivered: number;
  /** Of those, the ones that failed at least once and wait for their next attempt. */
  retryWaiting: number;
  /** Uplinks stored but not yet decoded (only an older version's leftovers or a failed group). */
  undecoded: number;
}

/** How much work waits in the pipeline's tables; partial indexes keep these counts to the queues. */
export async function queueDepths(db: Db): Promise<QueueDepths> {
  const [row] = await executeRows<{ undelivered: number; retry_waiting: number; undecoded: number }>(
    db,
    sql`select
      (select count(*) from deliveries where state = 'pending')::int as undelivered,
      (select count(*) from deliveries where state = 'pending' and attempts > 0)::int as retry_waiting,
      (select count(*) from uplinks where state = 'accepted')::int as undecoded`,
  );
  return {
    undelivered: Number(row?.undelivered ?? 0),
    retryWaiting: Number(row?.retry_waiting ?? 0),
    undecoded: Number(row?.undecoded ?? 0),
  };
}
