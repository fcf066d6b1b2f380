import { formatSort, type ProjectListQuery, type ProjectUpdate } from '@openthings/domain';
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { projectDestinationLinks, projectDeviceUsage, projectFlowCount } from '../../db/fragments.ts';
import { commonFilters, type KeysetPage, keyset, keysetPage } from '../../db/pagination.ts';
import { StatementCache } from '../../db/prepared.ts';
import { devices, deviceTypes, flowDestinations, flows, projects } from '../../db/schema/index.ts';

type Conn = Db | Tx;

const columns = {
  id: projects.id,
  name: projects.name,
  description: projects.description,
  subscription: projects.subscription,
  expiresAt: projects.expiresAt,
  limits: projects.limits,
  createdAt: projects.createdAt,
  modifiedAt: projects.modifiedAt,
  flowCount: projectFlowCount,
  deviceUsage: projectDeviceUsage,
  destinationLinks: projectDestinationLinks,
};
export type ProjectRow = {
  id: string;
  name: string;
  description: string;
  subscription: (typeof projects.$inferSelect)['subscription'];
  expiresAt: Date | null;
  limits: (typeof projects.$inferSelect)['limits'];
  createdAt: Date;
  modifiedAt: Date;
  flowCount: number;
  deviceUsage: { total: number; LORA: number; M2M: number; INTERNET: number };
  destinationLinks: number;
};

const sortColumns = {
  id: { expr: projects.id, type: 'uuid' },
  name: { expr: sql`lower(${projects.name})`, type: 'text' },
  createdAt: { expr: projects.createdAt, type: 'timestamptz' },
  modifiedAt: { expr: projects.modifiedAt, type: 'timestamptz' },
  subscription: { expr: projects.subscription, type: 'text' },
  expiresAt: { expr: sql`coalesce(${projects.expiresAt}, 'infinity'::timestamptz)`, type: 'timestamptz' },
} as const;

function filters(customerId: string, query: ProjectListQuery) {
  return [
    eq(projects.customerId, customerId),
    ...commonFilters(query, {
      name: projects.name,
      description: projects.description,
      projectId: projects.id,
      createdAt: projects.createdAt,
      modifiedAt: projects.modifiedAt,
    }),
    query.subscription ? eq(projects.subscription, query.subscription) : undefined,
  ];
}

/**
 * The first page without filters in one sort order — what the portal asks on every page — with the
 * customer and the page size as parameters: a prepared statement (db/prepared.ts).
 */
function firstPageStatement(db: Db, sort: ProjectListQuery['sort']) {
  const ks = keyset({ columns: sortColumns, sort, cursor: undefined, limit: 1 });
  return db
    .select({ ...columns, _key: ks.keyValues })
    .from(projects)
    .where(eq(projects.customerId, sql.placeholder('customerId')))
    .orderBy(...ks.orderBy)
    .limit(sql.placeholder('fetch'))
    .prepare('projects_first_page');
}
const firstPages = new StatementCache<ReturnType<typeof firstPageStatement>>();

function countStatement(db: Db) {
  return db
    .select({ n: count() })
    .from(projects)
    .where(eq(projects.customerId, sql.placeholder('customerId')))
    .prepare('projects_count');
}
const counts = new StatementCache<ReturnType<typeof countStatement>>(1);

export async function listProjects(db: Conn, customerId: string, query: ProjectListQuery) {
  const where = filters(customerId, query);
  const unfiltered = where.every((w, i) => i === 0 || w === undefined);
  const sort = formatSort(query.sort);
  const prepared =
    unfiltered && !query.cursor
      ? firstPages.get(db, sort, (root) => firstPageStatement(root, query.sort))
      : undefined;
  let page: KeysetPage<ProjectRow>;
  if (prepared) {
    const rows = await prepared.execute({ customerId, fetch: query.limit + 1 });
    page = keysetPage(rows as (ProjectRow & { _key: string[] })[], {
      sort,
      cursor: undefined,
      limit: query.limit,
    });
  } else {
    const ks = keyset({ columns: sortColumns, sort: query.sort, cursor: query.cursor, limit: query.limit });
    const rows = await db
      .select({ ...columns, _key: ks.keyValues })
      .from(projects)
      .where(and(...where, ks.where))
      .orderBy(...ks.orderBy)
      .limit(ks.fetch);
    page = ks.page(rows as (ProjectRow & { _key: string[] })[]);
  }
  let total: number | undefined;
  if (query.includeTotal) {
    const counted = unfiltered ? counts.get(db, 'all', countStatement) : undefined;
    const [row] = counted
      ? await counted.execute({ customerId })
      : await db
          .select({ n: count() })
          .from(projects)
          .where(and(...where));
    total = row!.n;
  }
  return { page, total };
}

export async function findProject(db: Conn, customerId: string, id: string): Promise<ProjectRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(projects)
    .where(and(eq(projects.customerId, customerId), eq(projects.id, id)))
    .limit(1);
  return row as ProjectRow | undefined;
}

export async function updateProject(
  db: Conn,
  customerId: string,
  id: string,
  patch: ProjectUpdate,
  now: Date,
) {
  const [row] = await db
    .update(projects)
    .set({ ...patch, modifiedAt: now })
    .where(and(eq(projects.customerId, customerId), eq(projects.id, id)))
    .returning({ id: projects.id });
  return row;
}

export async function insertProject(db: Conn, row: typeof projects.$inferInsert) {
  const [created] = await db.insert(projects).values(row).returning({ id: projects.id });
  return created!;
}

export async function insertFlow(db: Conn, row: typeof flows.$inferInsert) {
  const [created] = await db.insert(flows).values(row).returning({ id: flows.id });
  return created!;
}

/**
 * Locks the project row for the rest of the transaction, so concurrent additions are checked one
 * after another and a limit can never be overshot.
 */
export async function lockProject(db: Conn, customerId: string, id: string) {
  const [row] = await db
    .select({ id: projects.id, limits: projects.limits, name: projects.name })
    .from(projects)
    .where(and(eq(projects.customerId, customerId), eq(projects.id, id)))
    .for('update')
    .limit(1);
  return row;
}

/** Devices in a project, in total and per network type of their device type. */
export async function deviceUsage(db: Conn, projectId: string) {
  const per = (n: string) =>
    sql<number>`(count(*) filter (where ${n} = any(${deviceTypes.networkTypes})))::int`;
  const [row] = await db
    .select({ total: count(), lora: per('LORA'), m2m: per('M2M'), internet: per('INTERNET') })
    .from(devices)
    .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .where(eq(devices.projectId, projectId));
  return { total: row!.total, byNetworkType: { LORA: row!.lora, M2M: row!.m2m, INTERNET: row!.internet } };
}

export async function flowUsage(db: Conn, projectId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(flows).where(eq(flows.projectId, projectId));
  return row!.n;
}

/** Destination links in a project: a destination linked to two flows counts twice (PRODUCT §2). */
export async function destinationLinkUsage(db: Conn, projectId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(flowDestinations)
    .innerJoin(flows, eq(flows.id, flowDestinations.flowId))
    .where(eq(flows.projectId, projectId));
  return row!.n;
}
