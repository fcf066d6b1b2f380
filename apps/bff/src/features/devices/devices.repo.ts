import type { DeviceListQuery, DeviceSortField, ProcessingStatus } from '@openthings/domain';
import { and, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset, likePattern } from '../../db/pagination.ts';
import {
  deviceActivity,
  deviceFlows,
  devices,
  deviceTypes,
  networkAdapters,
  projects,
} from '../../db/schema/index.ts';

type Conn = Db | Tx;

// Hand-qualified: Drizzle leaves columns of single-table selects unqualified inside subqueries.
const flowNames = sql<
  string[]
>`array(select f.name from device_flows df join flows f on f.id = df.flow_id where df.device_id = "devices"."id" order by lower(f.name) limit 10)`;

const columns = {
  id: devices.id,
  name: devices.name,
  description: devices.description,
  barcode: devices.barcode,
  deviceTypeId: devices.deviceTypeId,
  deviceTypeName: deviceTypes.name,
  deviceTypeManaged: deviceTypes.managed,
  projectId: devices.projectId,
  projectName: projects.name,
  enabled: devices.enabled,
  processingStatus: devices.processingStatus,
  networkType: devices.networkType,
  primaryIdentifier: devices.primaryIdentifier,
  flowCount: devices.flowCount,
  flowNames,
  // `device_activity` says -infinity for a device that never sent anything.
  lastMessageAt: sql<Date | null>`nullif(${deviceActivity.lastMessageAt}, '-infinity'::timestamptz)`.mapWith(
    deviceActivity.lastMessageAt,
  ),
  createdAt: devices.createdAt,
  modifiedAt: devices.modifiedAt,
};

export interface DeviceRow {
  id: string;
  name: string;
  description: string;
  barcode: string | null;
  deviceTypeId: string;
  deviceTypeName: string;
  deviceTypeManaged: boolean;
  projectId: string;
  projectName: string;
  enabled: boolean;
  processingStatus: string;
  networkType: string | null;
  primaryIdentifier: string | null;
  flowCount: number;
  flowNames: string[];
  lastMessageAt: Date | null;
  createdAt: Date;
  modifiedAt: Date;
}

/** Sort expressions; none may be NULL (see db/pagination.ts), and the common ones are indexed. */
export const deviceSortColumns = {
  id: { expr: devices.id, type: 'uuid' },
  name: { expr: sql`lower(${devices.name})`, type: 'text' },
  deviceType: { expr: sql`lower(${deviceTypes.name})`, type: 'text' },
  primaryIdentifier: { expr: sql`coalesce(${devices.primaryIdentifier}, '')`, type: 'text' },
  // Never-sent devices sort as -infinity: the narrow table's index (customer, time, device) serves it.
  lastMessageAt: { expr: deviceActivity.lastMessageAt, type: 'timestamptz' },
  project: { expr: sql`lower(${projects.name})`, type: 'text' },
  flowCount: { expr: devices.flowCount, type: 'bigint' },
  processingStatus: { expr: devices.processingStatus, type: 'text' },
  createdAt: { expr: devices.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: devices.modifiedAt, type: 'timestamptz' },
} as const satisfies Record<DeviceSortField | 'id', unknown>;

type Filter = Omit<DeviceListQuery, 'cursor' | 'limit' | 'includeTotal' | 'sort'>;

export function deviceFilters(customerId: string, query: Filter): (SQL | undefined)[] {
  const out: (SQL | undefined)[] = [eq(devices.customerId, customerId)];
  if (query.q) {
    // lower(...) LIKE matches the trigram indexes on lower(name) and lower(primary_identifier).
    const pattern = likePattern(query.q.toLowerCase());
    out.push(
      sql`(lower(${devices.name}) like ${pattern} or lower(${devices.primaryIdentifier}) like ${pattern})`,
    );
  }
  const { q: _q, ...rest } = query;
  out.push(
    ...commonFilters(rest, {
      projectId: devices.projectId,
      createdAt: devices.createdAt,
      modifiedAt: devices.modifiedAt,
    }),
  );
  if (query.deviceTypeId?.length) out.push(inArray(devices.deviceTypeId, query.deviceTypeId));
  if (query.status?.length) out.push(inArray(devices.processingStatus, query.status));
  if (query.networkType?.length) out.push(inArray(devices.networkType, query.networkType));
  if (query.flowId) {
    out.push(
      sql`exists (select 1 from ${deviceFlows} where ${deviceFlows.deviceId} = ${devices.id} and ${deviceFlows.flowId} = ${query.flowId})`,
    );
  }
  if (query.lastMessageSince) out.push(gte(deviceActivity.lastMessageAt, query.lastMessageSince));
  // A device that never sent anything has no last message before any time.
  if (query.lastMessageBefore)
    out.push(
      lt(deviceActivity.lastMessageAt, query.lastMessageBefore),
      sql`${deviceActivity.lastMessageAt} > '-infinity'::timestamptz`,
    );
  return out;
}

function baseSelect<T extends SelectedFields>(db: Conn, extra: T) {
  return db
    .select({ ...columns, ...extra })
    .from(devices)
    .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .innerJoin(projects, eq(projects.id, devices.projectId))
    .innerJoin(deviceActivity, eq(deviceActivity.deviceId, devices.id));
}

export async function listDevices(db: Conn, customerId: string, query: DeviceListQuery) {
  const ks = keyset({
    columns: deviceSortColumns,
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const where = deviceFilters(customerId, query);
  const rows = await baseSelect(db, { _key: ks.keyValues })
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows as unknown as (DeviceRow & { _key: string[] })[]);
  const activity = query.lastMessageSince !== undefined || query.lastMessageBefore !== undefined;
  const total = query.includeTotal ? await countDevices(db, where, activity) : undefined;
  return { page, total };
}

/** How many devices match; `activity` when the filters read the last message time (its join). */
export async function countDevices(db: Conn, where: (SQL | undefined)[], activity: boolean): Promise<number> {
  const from = db.select({ n: count() }).from(devices);
  const [row] = await (activity
    ? from.innerJoin(deviceActivity, eq(deviceActivity.deviceId, devices.id))
    : from
  ).where(and(...where));
  return row!.n;
}

/** One keyset batch for exports: rows after `after` (sort keys as text) in the query's order. */
export function exportBatch(
  db: Conn,
  customerId: string,
  query: DeviceListQuery,
  after: string[] | undefined,
  size: number,
) {
  const ks = keyset({
    columns: deviceSortColumns,
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
  return baseSelect(db, { _key: ks.keyValues })
    .where(and(...deviceFilters(customerId, query), ks.where))
    .orderBy(...ks.orderBy)
    .limit(size) as unknown as Promise<(DeviceRow & { _key: string[] })[]>;
}

export async function findDevice(db: Conn, customerId: string, id: string): Promise<DeviceRow | undefined> {
  const [row] = await baseSelect(db, {})
    .where(and(eq(devices.customerId, customerId), eq(devices.id, id)))
    .limit(1);
  return row as DeviceRow | undefined;
}

export async function findDevices(db: Conn, customerId: string, ids: string[]) {
  return db
    .select({ id: devices.id, projectId: devices.projectId, managed: deviceTypes.managed })
    .from(devices)
    .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .where(and(eq(devices.customerId, customerId), inArray(devices.id, ids)));
}

export async function insertDevice(db: Conn, row: typeof devices.$inferInsert): Promise<string> {
  const [created] = await db.insert(devices).values(row).returning({ id: devices.id });
  return created!.id;
}

export async function updateDevice(
  db: Conn,
  customerId: string,
  id: string,
  patch: Partial<typeof devices.$inferInsert>,
) {
  const [row] = await db
    .update(devices)
    .set(patch)
    .where(and(eq(devices.customerId, customerId), eq(devices.id, id)))
    .returning({ id: devices.id });
  return row;
}

export async function deleteDevice(db: Conn, customerId: string, id: string) {
  const [row] = await db
    .delete(devices)
    .where(and(eq(devices.customerId, customerId), eq(devices.id, id)))
    .returning({ id: devices.id });
  return row;
}

/** What the processing status and the table's identifier columns derive from, per device. */
export async function deviceFacts(db: Conn, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: devices.id,
      enabled: devices.enabled,
      flowCount: sql<number>`(select count(*)::int from device_flows df where df.device_id = "devices"."id")`,
      adapterType: sql<
        string | null
      >`(select na.network_type from network_adapters na where na.device_id = "devices"."id" order by na.created_at limit 1)`,
      adapterIdentifier: sql<
        string | null
      >`(select na.identifier from network_adapters na where na.device_id = "devices"."id" order by na.created_at limit 1)`,
    })
    .from(devices)
    .where(inArray(devices.id, ids));
}

export async function writeDerived(
  db: Conn,
  id: string,
  derived: {
    processingStatus: ProcessingStatus;
    flowCount: number;
    networkType: string | null;
    primaryIdentifier: string | null;
  },
  now: Date,
) {
  await db
    .update(devices)
    .set({ ...derived, modifiedAt: now })
    .where(eq(devices.id, id));
}

export async function adaptersOfDevice(db: Conn, deviceId: string) {
  return db
    .select()
    .from(networkAdapters)
    .where(eq(networkAdapters.deviceId, deviceId))
    .orderBy(networkAdapters.createdAt);
}
