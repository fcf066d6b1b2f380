import type { DeadLetterListQuery, DeliveryAttemptListQuery, DestinationListQuery } from '@openthings/domain';
import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset } from '../../db/pagination.ts';
import {
  deliveries,
  deliveryAttempts,
  destinations,
  flowDestinations,
  testEndpointRequests,
} from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type DestinationRow = typeof destinations.$inferSelect & { flowCount: number };

const flowCount = sql<number>`(select count(*)::int from flow_destinations fd where fd.destination_id = "destinations"."id")`;
const select = (db: Conn) => db.select({ destination: destinations, flowCount }).from(destinations);

const sortColumns = {
  id: { expr: destinations.id, type: 'uuid' },
  name: { expr: sql`lower(${destinations.name})`, type: 'text' },
  createdAt: { expr: destinations.createdAt, type: 'timestamptz' },
} as const;

export async function listDestinations(db: Conn, customerId: string, query: DestinationListQuery) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const { projectId, ...rest } = query;
  const where = [
    eq(destinations.customerId, customerId),
    ...commonFilters(rest, {
      name: destinations.name,
      description: destinations.description,
      createdAt: destinations.createdAt,
      modifiedAt: destinations.modifiedAt,
    }),
    query.kind?.length ? inArray(destinations.kind, query.kind) : undefined,
    query.status?.length ? inArray(destinations.status, query.status) : undefined,
    query.flowId
      ? sql`exists (select 1 from flow_destinations fd where fd.destination_id = "destinations"."id" and fd.flow_id = ${query.flowId})`
      : undefined,
    projectId
      ? sql`exists (select 1 from flow_destinations fd join flows f on f.id = fd.flow_id where fd.destination_id = "destinations"."id" and f.project_id = ${projectId})`
      : undefined,
  ];
  const rows = await db
    .select({ destination: destinations, flowCount, _key: ks.keyValues })
    .from(destinations)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows.map((r) => ({ ...r.destination, flowCount: r.flowCount, _key: r._key })));
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(destinations)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

export async function findDestination(
  db: Conn,
  customerId: string,
  id: string,
): Promise<DestinationRow | undefined> {
  const [row] = await select(db)
    .where(and(eq(destinations.customerId, customerId), eq(destinations.id, id)))
    .limit(1);
  return row && { ...row.destination, flowCount: row.flowCount };
}

export async function insertDestination(db: Conn, row: typeof destinations.$inferInsert): Promise<string> {
  const [created] = await db.insert(destinations).values(row).returning({ id: destinations.id });
  return created!.id;
}

export async function updateDestination(
  db: Conn,
  customerId: string,
  id: string,
  patch: Partial<typeof destinations.$inferInsert>,
) {
  await db
    .update(destinations)
    .set(patch)
    .where(and(eq(destinations.customerId, customerId), eq(destinations.id, id)));
}

export async function deleteDestination(db: Conn, customerId: string, id: string) {
  const [row] = await db
    .delete(destinations)
    .where(and(eq(destinations.customerId, customerId), eq(destinations.id, id)))
    .returning({ id: destinations.id });
  return row;
}

export async function linkToFlow(
  db: Conn,
  customerId: string,
  flowId: string,
  destinationId: string,
): Promise<boolean> {
  const rows = await db
    .insert(flowDestinations)
    .values({ customerId, flowId, destinationId })
    .onConflictDoNothing()
    .returning({ f: flowDestinations.flowId });
  return rows.length > 0;
}

export async function unlinkFromFlow(
  db: Conn,
  customerId: string,
  flowId: string,
  destinationId: string,
): Promise<boolean> {
  const rows = await db
    .delete(flowDestinations)
    .where(
      and(
        eq(flowDestinations.customerId, customerId),
        eq(flowDestinations.flowId, flowId),
        eq(flowDestinations.destinationId, destinationId),
      ),
    )
    .returning({ f: flowDestinations.flowId });
  return rows.length > 0;
}

export async function listAttempts(db: Conn, destinationId: string, query: DeliveryAttemptListQuery) {
  const ks = keyset({
    columns: {
      id: { expr: deliveryAttempts.id, type: 'bigint' },
      at: { expr: deliveryAttempts.at, type: 'timestamptz' },
    },
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const where = [
    eq(deliveryAttempts.destinationId, destinationId),
    query.deliveryId ? eq(deliveryAttempts.deliveryId, query.deliveryId) : undefined,
    query.since ? gte(deliveryAttempts.at, query.since) : undefined,
    query.before ? lt(deliveryAttempts.at, query.before) : undefined,
  ];
  const rows = await db
    .select({ a: deliveryAttempts, _key: ks.keyValues })
    .from(deliveryAttempts)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows.map((r) => ({ ...r.a, _key: r._key })));
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(deliveryAttempts)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

const deadAt = sql`coalesce(${deliveries.finishedAt}, ${deliveries.createdAt})`;

export async function listDeadLetters(db: Conn, destinationId: string, query: DeadLetterListQuery) {
  const ks = keyset({
    columns: { id: { expr: deliveries.id, type: 'uuid' }, deadAt: { expr: deadAt, type: 'timestamptz' } },
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const where = [
    eq(deliveries.destinationId, destinationId),
    eq(deliveries.state, 'dead'),
    query.deviceId ? eq(deliveries.deviceId, query.deviceId) : undefined,
    query.since ? sql`${deadAt} >= ${sql.param(query.since, deliveries.finishedAt)}` : undefined,
    query.before ? sql`${deadAt} < ${sql.param(query.before, deliveries.finishedAt)}` : undefined,
  ];
  const rows = await db
    .select({ d: deliveries, _key: ks.keyValues })
    .from(deliveries)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows.map((r) => ({ ...r.d, _key: r._key })));
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(deliveries)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

/** Puts dead letters back in the queue: due now, a fresh retry schedule, the same webhook-id. */
export async function replay(
  db: Conn,
  destinationId: string,
  filter: { deliveryId?: string; since?: Date },
  now: Date,
): Promise<number> {
  const rows = await db
    .update(deliveries)
    .set({ state: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null })
    .where(
      and(
        eq(deliveries.destinationId, destinationId),
        eq(deliveries.state, 'dead'),
        filter.deliveryId ? eq(deliveries.id, filter.deliveryId) : undefined,
        filter.since ? sql`${deadAt} >= ${sql.param(filter.since, deliveries.finishedAt)}` : undefined,
      ),
    )
    .returning({ id: deliveries.id });
  return rows.length;
}

export function inbox(db: Conn, destinationId: string, limit: number) {
  return db
    .select()
    .from(testEndpointRequests)
    .where(eq(testEndpointRequests.destinationId, destinationId))
    .orderBy(desc(testEndpointRequests.id))
    .limit(limit);
}
