import type { BindingListQuery } from '@openthings/domain';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset } from '../../db/pagination.ts';
import { bindings, networkAdapters } from '../../db/schema/index.ts';

type Conn = Db | Tx;
type Kind = 'http' | 'mqtt' | 'lora';
export type BindingRow = typeof bindings.$inferSelect;

const sortColumns = {
  id: { expr: bindings.id, type: 'uuid' },
  createdAt: { expr: bindings.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: bindings.modifiedAt, type: 'timestamptz' },
} as const;

export async function listBindings(
  db: Conn,
  customerId: string,
  kind: Kind,
  query: BindingListQuery & { type?: string },
) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const where = [
    eq(bindings.customerId, customerId),
    eq(bindings.kind, kind),
    query.deviceId ? eq(bindings.deviceId, query.deviceId) : undefined,
    query.type ? eq(bindings.type, query.type) : undefined,
    ...commonFilters(
      { ...query, q: undefined, projectId: undefined },
      { createdAt: bindings.createdAt, modifiedAt: bindings.modifiedAt },
    ),
  ];
  const rows = await db
    .select({ binding: bindings, _key: ks.keyValues })
    .from(bindings)
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows.map((r) => ({ ...r.binding, _key: r._key })));
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(bindings)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

export async function findBinding(
  db: Conn,
  customerId: string,
  kind: Kind,
  id: string,
): Promise<BindingRow | undefined> {
  const [row] = await db
    .select()
    .from(bindings)
    .where(and(eq(bindings.customerId, customerId), eq(bindings.kind, kind), eq(bindings.id, id)))
    .limit(1);
  return row;
}

export async function findBindingByDevice(
  db: Conn,
  deviceId: string,
  kind: Kind,
): Promise<BindingRow | undefined> {
  const [row] = await db
    .select()
    .from(bindings)
    .where(and(eq(bindings.deviceId, deviceId), eq(bindings.kind, kind)))
    .limit(1);
  return row;
}

/** MQTT logins by username (the URN): what the broker checks a password against, or re-checks later. */
export async function findMqttLogins(db: Conn, urns: string[]) {
  if (urns.length === 0) return [];
  return db
    .select({
      urn: bindings.urn,
      deviceId: bindings.deviceId,
      customerId: bindings.customerId,
      passwordHash: bindings.passwordHash,
    })
    .from(bindings)
    .where(and(eq(bindings.kind, 'mqtt'), inArray(bindings.urn, urns)));
}

/** The first network adapter of the device: its identity is the MQTT username. */
export async function primaryAdapter(db: Conn, deviceId: string) {
  const [row] = await db
    .select({ networkType: networkAdapters.networkType, identifier: networkAdapters.identifier })
    .from(networkAdapters)
    .where(eq(networkAdapters.deviceId, deviceId))
    .orderBy(networkAdapters.createdAt)
    .limit(1);
  return row;
}

export async function insertBinding(db: Conn, row: typeof bindings.$inferInsert): Promise<BindingRow> {
  const [created] = await db.insert(bindings).values(row).returning();
  return created!;
}

export async function updateBinding(
  db: Conn,
  id: string,
  patch: Partial<typeof bindings.$inferInsert>,
): Promise<BindingRow> {
  const [row] = await db.update(bindings).set(patch).where(eq(bindings.id, id)).returning();
  return row!;
}

export async function deleteBinding(db: Conn, id: string): Promise<void> {
  await db.delete(bindings).where(eq(bindings.id, id));
}

/** Bindings that authenticate with this URN (the adapter's identity) go when the adapter goes. */
export async function deleteBindingsByUrn(db: Conn, deviceId: string, urn: string): Promise<void> {
  await db.delete(bindings).where(and(eq(bindings.deviceId, deviceId), eq(bindings.urn, urn)));
}
