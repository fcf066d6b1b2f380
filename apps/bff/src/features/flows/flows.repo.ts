import type { FlowListQuery } from '@openthings/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { commonFilters, keyset } from '../../db/pagination.ts';
import { deviceFlows, flows, projects } from '../../db/schema/index.ts';

type Conn = Db | Tx;

const columns = {
  id: flows.id,
  projectId: flows.projectId,
  projectName: projects.name,
  name: flows.name,
  description: flows.description,
  deviceCount: sql<number>`(select count(*)::int from device_flows df where df.flow_id = "flows"."id")`,
  createdAt: flows.createdAt,
  modifiedAt: flows.modifiedAt,
};
export type FlowRow = {
  id: string;
  projectId: string;
  projectName: string;
  name: string;
  description: string;
  deviceCount: number;
  createdAt: Date;
  modifiedAt: Date;
};

const sortColumns = {
  id: { expr: flows.id, type: 'uuid' },
  name: { expr: sql`lower(${flows.name})`, type: 'text' },
  createdAt: { expr: flows.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: flows.modifiedAt, type: 'timestamptz' },
} as const;

const select = (db: Conn) =>
  db.select(columns).from(flows).innerJoin(projects, eq(projects.id, flows.projectId));

export async function listFlows(db: Conn, customerId: string, query: FlowListQuery) {
  const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
  const where = [
    eq(flows.customerId, customerId),
    ...commonFilters(query, {
      name: flows.name,
      description: flows.description,
      projectId: flows.projectId,
      createdAt: flows.createdAt,
      modifiedAt: flows.modifiedAt,
    }),
  ];
  const rows = await db
    .select({ ...columns, _key: ks.keyValues })
    .from(flows)
    .innerJoin(projects, eq(projects.id, flows.projectId))
    .where(and(...where, ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows as (FlowRow & { _key: string[] })[]);
  const total = query.includeTotal
    ? (
        await db
          .select({ n: count() })
          .from(flows)
          .where(and(...where))
      )[0]!.n
    : undefined;
  return { page, total };
}

export async function findFlow(db: Conn, customerId: string, id: string): Promise<FlowRow | undefined> {
  const [row] = await select(db)
    .where(and(eq(flows.customerId, customerId), eq(flows.id, id)))
    .limit(1);
  return row as FlowRow | undefined;
}

export async function flowsOfDevice(db: Conn, customerId: string, deviceId: string): Promise<FlowRow[]> {
  return (await select(db)
    .innerJoin(deviceFlows, eq(deviceFlows.flowId, flows.id))
    .where(and(eq(flows.customerId, customerId), eq(deviceFlows.deviceId, deviceId)))
    .orderBy(sql`lower(${flows.name})`)) as FlowRow[];
}

export async function insertFlow(db: Conn, row: typeof flows.$inferInsert): Promise<string> {
  const [created] = await db.insert(flows).values(row).returning({ id: flows.id });
  return created!.id;
}

export async function updateFlow(
  db: Conn,
  customerId: string,
  id: string,
  patch: Partial<typeof flows.$inferInsert>,
) {
  const [row] = await db
    .update(flows)
    .set(patch)
    .where(and(eq(flows.customerId, customerId), eq(flows.id, id)))
    .returning({ id: flows.id });
  return row;
}

export async function deleteFlow(db: Conn, customerId: string, id: string) {
  const [row] = await db
    .delete(flows)
    .where(and(eq(flows.customerId, customerId), eq(flows.id, id)))
    .returning({ id: flows.id });
  return row;
}

// Device ↔ flow links.

export async function linkFlow(
  db: Conn,
  customerId: string,
  flowId: string,
  deviceId: string,
): Promise<boolean> {
  const rows = await db
    .insert(deviceFlows)
    .values({ customerId, flowId, deviceId })
    .onConflictDoNothing()
    .returning({ d: deviceFlows.deviceId });
  return rows.length > 0;
}

export async function unlinkFlow(
  db: Conn,
  customerId: string,
  flowId: string,
  deviceId: string,
): Promise<boolean> {
  const rows = await db
    .delete(deviceFlows)
    .where(
      and(
        eq(deviceFlows.customerId, customerId),
        eq(deviceFlows.flowId, flowId),
        eq(deviceFlows.deviceId, deviceId),
      ),
    )
    .returning({ d: deviceFlows.deviceId });
  return rows.length > 0;
}

export async function devicesOfFlow(db: Conn, flowId: string): Promise<string[]> {
  const rows = await db
    .select({ id: deviceFlows.deviceId })
    .from(deviceFlows)
    .where(eq(deviceFlows.flowId, flowId));
  return rows.map((r) => r.id);
}
