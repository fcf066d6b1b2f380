import type { HistoryQuery } from '@openthings/domain';
import { and, asc, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { keyset } from '../../db/pagination.ts';
import { decodings, deliveries, destinations, twinReported, uplinks } from '../../db/schema/index.ts';

type Conn = Db | Tx;

/** A device's uplinks, newest first by default; the index on (device, received_at) serves it. */
export async function listUplinks(db: Conn, deviceId: string, query: HistoryQuery) {
  const ks = keyset({
    columns: {
      id: { expr: uplinks.id, type: 'uuid' },
      receivedAt: { expr: uplinks.receivedAt, type: 'timestamptz' },
    },
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const filters = [
    eq(uplinks.deviceId, deviceId),
    query.since ? gte(uplinks.receivedAt, query.since) : undefined,
    query.before ? lt(uplinks.receivedAt, query.before) : undefined,
    query.state ? eq(uplinks.state, query.state) : undefined,
  ];
  const rows = await db
    .select({ uplink: uplinks, _key: ks.keyValues })
    .from(uplinks)
    .where(and(...filters, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows.map((r) => ({ ...r.uplink, _key: r._key })));
  // With includeTotal: every uplink the filters match, whatever the page.
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(uplinks)
          .where(and(...filters))
      )[0]!.n
    : undefined;
  return { page, total };
}

export function decodingsOf(db: Conn, uplinkIds: string[]) {
  if (uplinkIds.length === 0) return Promise.resolve([]);
  return db.select().from(decodings).where(inArray(decodings.uplinkId, uplinkIds));
}

export function deliveriesOf(db: Conn, uplinkIds: string[]) {
  if (uplinkIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: deliveries.id,
      uplinkId: deliveries.uplinkId,
      destinationId: deliveries.destinationId,
      destinationName: destinations.name,
      state: deliveries.state,
      attempts: deliveries.attempts,
      lastStatus: deliveries.lastStatus,
      lastError: deliveries.lastError,
    })
    .from(deliveries)
    .innerJoin(destinations, eq(destinations.id, deliveries.destinationId))
    .where(inArray(deliveries.uplinkId, uplinkIds));
}

export function reported(db: Conn, deviceId: string) {
  return db
    .select()
    .from(twinReported)
    .where(eq(twinReported.deviceId, deviceId))
    .orderBy(asc(twinReported.name));
}
