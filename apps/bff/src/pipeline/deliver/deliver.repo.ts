import { INBOX_SIZE } from '@openthings/domain';
import { and, asc, desc, eq, lt, lte, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { inJson, jsonRecordset, jsonRows } from '../../db/json-rows.ts';
import { deliveries, deliveryAttempts, destinations, testEndpointRequests } from '../../db/schema/index.ts';

type Conn = Db | Tx;

/**
 * Locks due deliveries of active destinations (oldest first), leaving out those of `exclude`
 * (destinations that have as many requests in flight as they may); other claimers skip the locked
 * rows. A waiting retry never holds back later deliveries. Lease what you keep with `leaseDeliveries`
 * in the same transaction; rows not leased are free again at commit.
 */
export async function claimDeliveries(tx: Tx, now: Date, limit: number, exclude: string[] = []) {
  return tx
    .select({
      id: deliveries.id,
      body: deliveries.body,
      attempts: deliveries.attempts,
      deviceId: deliveries.deviceId,
      destinationId: destinations.id,
      kind: destinations.kind,
      config: destinations.config,
      sharedSecret: destinations.sharedSecret,
      previousSharedSecret: destinations.previousSharedSecret,
      previousSecretUntil: destinations.previousSecretUntil,
    })
    .from(deliveries)
    .innerJoin(destinations, eq(destinations.id, deliveries.destinationId))
    .where(
      and(
        eq(deliveries.state, 'pending'),
        lte(deliveries.nextAttemptAt, now),
        eq(destinations.status, 'ACTIVE'),
        exclude.length ? notInArray(deliveries.destinationId, exclude) : undefined,
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(limit)
    .for('update', { of: deliveries, skipLocked: true });
}

/**
 * Leases claimed deliveries: `next_attempt_at` moves past the send timeout, so a crashed sender's
 * deliveries come back by themselves and no two senders send the same delivery at once.
 */
export async function leaseDeliveries(tx: Tx, ids: string[], until: Date): Promise<void> {
  if (ids.length) await tx.update(deliveries).set({ nextAttemptAt: until }).where(inJson(deliveries.id, ids));
}
export type ClaimedDelivery = Awaited<ReturnType<typeof claimDeliveries>>[number];

/**
 * Records a group of attempts in one statement: appends them, marks the deliveries that succeeded
 * (each with its own attempt count, status and time) and the destinations they reached healthy again.
 * Failed attempts move their deliveries on with `updateDelivery`, in the same transaction.
 */
export async function recordAttempts(
  db: Conn,
  attempts: (typeof deliveryAttempts.$inferInsert)[],
  succeeded: { id: string; attempts: number; status: number | null; at: Date }[],
): Promise<void> {
  if (attempts.length === 0) return;
  const parts = [sql`with a as (insert into ${deliveryAttempts} ${jsonRows(deliveryAttempts, attempts)})`];
  if (succeeded.length) {
    const v = jsonRecordset(
      'v',
      { id: 'uuid', attempts: 'integer', status: 'integer', at: 'timestamptz' },
      succeeded,
    );
    // `= any(array(…))` makes the plan look each delivery up by its key: a plan prepared while the
    // table was small would otherwise keep scanning all of it (a hash join) as it grows.
    parts.push(sql`, v as (select * from ${v})
    , s as (update ${deliveries} set state = 'succeeded', attempts = v.attempts,
      last_status = v.status, last_error = null, finished_at = v.at
      from v where ${deliveries.id} = any(array(select id from v)) and ${deliveries.id} = v.id
      returning ${deliveries.destinationId} as destination_id)
    , h as (update ${destinations} set failing_since = null
      where id in (select destination_id from s) and failing_since is not null)`);
  }
  parts.push(sql` select 1`);
  await db.execute(sql.join(parts));
}

export async function updateDelivery(
  db: Conn,
  id: string,
  patch: Partial<typeof deliveries.$inferInsert>,
): Promise<void> {
  await db.update(deliveries).set(patch).where(eq(deliveries.id, id));
}

/** Marks the destination failing (from the first failure on) and returns since when. */
export async function destinationFailing(db: Conn, id: string, now: Date): Promise<Date> {
  const [row] = await db
    .update(destinations)
    .set({
      failingSince: sql`coalesce(${destinations.failingSince}, ${sql.param(now, destinations.failingSince)})`,
    })
    .where(eq(destinations.id, id))
    .returning({ failingSince: destinations.failingSince });
  return row?.failingSince ?? now;
}

export async function deactivateDestination(db: Conn, id: string, reason: string, now: Date): Promise<void> {
  await db
    .update(destinations)
    .set({ status: 'INACTIVE', inactiveReason: reason, modifiedAt: now })
    .where(eq(destinations.id, id));
}

/** Stores a request in the test endpoint's inbox and keeps only the newest 100. */
/** Adds requests to one test endpoint's inbox (in order) and keeps its last `INBOX_SIZE`. */
export async function addToInbox(
  db: Conn,
  destinationId: string,
  rows: Omit<typeof testEndpointRequests.$inferInsert, 'destinationId'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(testEndpointRequests).values(rows.map((row) => ({ ...row, destinationId })));
  const [cutoff] = await db
    .select({ id: testEndpointRequests.id })
    .from(testEndpointRequests)
    .where(eq(testEndpointRequests.destinationId, destinationId))
    .orderBy(desc(testEndpointRequests.id))
    .offset(INBOX_SIZE)
    .limit(1);
  if (cutoff) {
    await db
      .delete(testEndpointRequests)
      .where(
        and(
          eq(testEndpointRequests.destinationId, destinationId),
          lt(testEndpointRequests.id, cutoff.id + 1),
        ),
      );
  }
}
