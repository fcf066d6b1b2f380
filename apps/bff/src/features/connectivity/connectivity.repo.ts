import type { SimListQuery } from '@openthings/domain';
import { and, asc, count, eq, inArray, isNotNull, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset, likePattern } from '../../db/pagination.ts';
import { customers, devices, projects, sims } from '../../db/schema/index.ts';
import type { CarrierSim } from './carrier.ts';

type Conn = Db | Tx;
export type SimRow = typeof sims.$inferSelect;

const sortColumns = {
  id: { expr: sims.id, type: 'uuid' },
  iccid: { expr: sims.iccid, type: 'text' },
  status: { expr: sims.status, type: 'text' },
  communicationPlan: { expr: sims.communicationPlan, type: 'text' },
  ratePlan: { expr: sims.ratePlan, type: 'text' },
  lastMessageAt: {
    expr: sql`coalesce(${sims.lastMessageAt}, '-infinity'::timestamptz)`,
    type: 'timestamptz',
  },
  lastSyncAt: { expr: sql`coalesce(${sims.lastSyncAt}, '-infinity'::timestamptz)`, type: 'timestamptz' },
  usage: { expr: sims.usageBytes, type: 'bigint' },
  createdAt: { expr: sims.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: sims.modifiedAt, type: 'timestamptz' },
} as const;

/**
 * ICCID search: the user types any part of the number and gets every ICCID containing those digits
 * (as the reference portal does). A whole 20-digit ICCID can only match itself, so it becomes an
 * equality on the unique index. Any other part is a contains-match: a btree cannot serve `%digits%`,
 * so `customer_id` (the leading column of the `(customer_id, iccid)` index) narrows the scan to the
 * customer's slice, which the default ICCID order walks in index order.
 */
function iccidMatch(digits: string): SQL {
  return digits.length === 20 ? eq(sims.iccid, digits) : like(sims.iccid, likePattern(digits));
}

function filters(customerId: string, query: SimListQuery): (SQL | undefined)[] {
  return [
    eq(sims.customerId, customerId),
    // SIMs have no name or description: `q` searches the digits of the ICCID and the IMEI instead.
    ...commonFilters(
      { ...query, q: undefined },
      { projectId: sims.projectId, createdAt: sims.createdAt, modifiedAt: sims.modifiedAt },
    ),
    query.q ? or(iccidMatch(query.q), like(sims.imei, likePattern(query.q))) : undefined,
    query.iccid ? iccidMatch(query.iccid) : undefined,
    query.status?.length ? inArray(sims.status, query.status) : undefined,
    query.communicationPlan ? eq(sims.communicationPlan, query.communicationPlan) : undefined,
    query.ratePlan ? eq(sims.ratePlan, query.ratePlan) : undefined,
    query.linked === undefined ? undefined : query.linked ? isNotNull(sims.deviceId) : isNull(sims.deviceId),
  ];
}

export async function listSims(db: Conn, customerId: string, query: SimListQuery) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const where = filters(customerId, query);
  const rows = await db
    .select({ sim: sims, _key: ks.keyValues })
    .from(sims)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows);
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(sims)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page: { ...page, data: page.data.map((r) => r.sim) }, total };
}

/** One keyset batch of the export: SIMs after `after` (sort keys as text), with their project's name. */
export function exportBatch(
  db: Conn,
  customerId: string,
  query: SimListQuery,
  after: string[] | undefined,
  size: number,
) {
  const ks = keyset({
    columns: sortColumns,
    sort: query.sort,
    cursor: after
      ? {
          sort: query.sort.map((k) => (k.desc ? `-${k.field}` : k.field)).join(','),
          dir: 'next',
          values: after,
        }
      : undefined,
    limit: size,
  });
  return db
    .select({ sim: sims, projectName: projects.name, _key: ks.keyValues })
    .from(sims)
    .leftJoin(projects, eq(projects.id, sims.projectId))
    .where(and(...filters(customerId, query), ks.where))
    .orderBy(...ks.orderBy)
    .limit(size);
}

/** `lock` holds the row until the transaction ends (links and swaps read, check, then write). */
export async function findSim(
  db: Conn,
  customerId: string,
  by: { id: string } | { iccid: string } | { deviceId: string },
  options: { lock?: boolean } = {},
): Promise<SimRow | undefined> {
  const key =
    'id' in by
      ? eq(sims.id, by.id)
      : 'iccid' in by
        ? eq(sims.iccid, by.iccid)
        : eq(sims.deviceId, by.deviceId);
  const query = db
    .select()
    .from(sims)
    .where(and(eq(sims.customerId, customerId), key))
    .orderBy(asc(sims.iccid))
    .limit(1);
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findSimsByIccid(db: Conn, customerId: string, iccids: string[]): Promise<SimRow[]> {
  if (iccids.length === 0) return [];
  return db
    .select()
    .from(sims)
    .where(and(eq(sims.customerId, customerId), inArray(sims.iccid, iccids)))
    .orderBy(asc(sims.iccid));
}

/** Locks several SIMs in id order, so two swaps over the same pair cannot deadlock. */
export async function lockSims(db: Conn, customerId: string, ids: string[]): Promise<SimRow[]> {
  return db
    .select()
    .from(sims)
    .where(and(eq(sims.customerId, customerId), inArray(sims.id, ids)))
    .orderBy(asc(sims.id))
    .for('update');
}

export async function setSimDevice(
  db: Conn,
  customerId: string,
  id: string,
  link: { deviceId: string | null; imei: string | null },
  now: Date,
): Promise<void> {
  await db
    .update(sims)
    .set({ deviceId: link.deviceId, imei: link.imei, modifiedAt: now })
    .where(and(eq(sims.customerId, customerId), eq(sims.id, id)));
}

export async function setSimProject(
  db: Conn,
  customerId: string,
  id: string,
  projectId: string | null,
  now: Date,
): Promise<void> {
  await db
    .update(sims)
    .set({ projectId, modifiedAt: now })
    .where(and(eq(sims.customerId, customerId), eq(sims.id, id)));
}

/**
 * Stores what the carrier reported, inserting SIMs we have not seen. The carrier is the source of truth
 * for status, plans and usage; the device link and project are ours and survive — unless the carrier
 * moved the SIM to another customer, whose copy must not point at the previous owner's device or
 * project. `modified_at` moves only when something the user set changed, not with every usage tick.
 */
export async function storeCarrierSims(
  db: Conn,
  list: CarrierSim[],
  at: Date,
  projectIdForNew: string | null = null,
): Promise<void> {
  if (list.length === 0) return;
  const sameOwner = sql`${sims.customerId} = excluded.customer_id`;
  await db
    .insert(sims)
    .values(
      list.map((s) => ({
        customerId: s.customerId,
        projectId: projectIdForNew,
        iccid: s.iccid,
        status: s.status,
        communicationPlan: s.communicationPlan,
        ratePlan: s.ratePlan,
        imei: s.imei,
        lastMessageAt: s.lastSessionAt,
        usageBytes: s.usage.bytes,
        usageSms: s.usage.sms,
        lastSyncAt: at,
        createdAt: at,
        modifiedAt: at,
      })),
    )
    .onConflictDoUpdate({
      target: sims.iccid,
      set: {
        customerId: sql`excluded.customer_id`,
        status: sql`excluded.status`,
        communicationPlan: sql`excluded.communication_plan`,
        ratePlan: sql`excluded.rate_plan`,
        projectId: sql`case when ${sameOwner} then ${sims.projectId} end`,
        deviceId: sql`case when ${sameOwner} then ${sims.deviceId} end`,
        // While a device is linked the IMEI is the device's; otherwise what the network last saw.
        imei: sql`case when ${sameOwner} and ${sims.deviceId} is not null then ${sims.imei} else excluded.imei end`,
        lastMessageAt: sql`excluded.last_message_at`,
        usageBytes: sql`excluded.usage_bytes`,
        usageSms: sql`excluded.usage_sms`,
        lastSyncAt: sql`excluded.last_sync_at`,
        modifiedAt: sql`case when (${sims.customerId}, ${sims.status}, ${sims.communicationPlan}, ${sims.ratePlan})
          is distinct from (excluded.customer_id, excluded.status, excluded.communication_plan, excluded.rate_plan)
          then excluded.modified_at else ${sims.modifiedAt} end`,
      },
    });
}

/**
 * The oldest synchronisation of any SIM, null when none was ever synchronised. The oldest, not the
 * newest: opening one SIM refreshes that SIM only and must not make a missed daily sync look done.
 */
export async function oldestSyncAt(db: Conn): Promise<Date | null> {
  const [row] = await db.select({ at: sql<string | Date | null>`min(${sims.lastSyncAt})` }).from(sims);
  return row?.at ? new Date(row.at) : null;
}

/** A tiny read of another feature's table: a carrier account may outlive the customer it belonged to. */
export async function customerExists(db: Conn, customerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId))
    .limit(1);
  return row !== undefined;
}

/**
 * A device of this customer to link a SIM to, with its IMEI (the identifier of its M2M network adapter),
 * locked so two links to one device cannot both pass the one-SIM-per-device check. The devices feature
 * owns these tables; this is the one read connectivity makes of them.
 */
export async function findDeviceForLink(
  db: Conn,
  customerId: string,
  deviceId: string,
): Promise<{ id: string; imei: string | null } | undefined> {
  const [row] = await db
    .select({
      id: devices.id,
      // Qualified by hand: a single-table select leaves columns unqualified inside subqueries.
      imei: sql<string | null>`(select na.identifier from network_adapters na
        where na.device_id = "devices"."id" and na.network_type = 'M2M' limit 1)`,
    })
    .from(devices)
    .where(and(eq(devices.customerId, customerId), eq(devices.id, deviceId)))
    .limit(1)
    .for('update');
  return row;
}
