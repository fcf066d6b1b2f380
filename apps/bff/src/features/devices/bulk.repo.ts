import { and, asc, count, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../db/client.ts';
import { keyset } from '../../db/pagination.ts';
import {
  bulkJobRows,
  bulkJobs,
  deviceTypes,
  flows,
  networkAdapters,
  projects,
  sims,
} from '../../db/schema/index.ts';

type Conn = Db | Tx;

/** Which of these identifiers already exist on the platform (any customer). */
export async function existingIdentifiers(
  db: Conn,
  networkType: string,
  identifiers: string[],
): Promise<Set<string>> {
  if (identifiers.length === 0) return new Set();
  const rows = await db
    .select({ identifier: networkAdapters.identifier })
    .from(networkAdapters)
    .where(
      and(eq(networkAdapters.networkType, networkType), inArray(networkAdapters.identifier, identifiers)),
    );
  return new Set(rows.map((r) => r.identifier));
}

/** The customer's SIMs among these ICCIDs, with what decides whether they can be linked. */
export async function simsByIccid(db: Conn, customerId: string, iccids: string[]) {
  if (iccids.length === 0) return new Map<string, { status: string; deviceId: string | null }>();
  const rows = await db
    .select({ iccid: sims.iccid, status: sims.status, deviceId: sims.deviceId })
    .from(sims)
    .where(and(eq(sims.customerId, customerId), inArray(sims.iccid, iccids)));
  return new Map(rows.map((r) => [r.iccid, { status: r.status, deviceId: r.deviceId }]));
}

export async function insertJob(db: Conn, row: typeof bulkJobs.$inferInsert): Promise<string> {
  const [created] = await db.insert(bulkJobs).values(row).returning({ id: bulkJobs.id });
  return created!.id;
}

export async function insertJobRows(db: Conn, rows: (typeof bulkJobRows.$inferInsert)[]): Promise<void> {
  // Chunks keep each statement's parameter count far below PostgreSQL's 65535.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(bulkJobRows).values(rows.slice(i, i + 1000));
}

const reportColumns = {
  id: bulkJobs.id,
  fileName: bulkJobs.fileName,
  projectId: bulkJobs.projectId,
  projectName: projects.name,
  flowId: bulkJobs.flowId,
  flowName: flows.name,
  deviceTypeId: bulkJobs.deviceTypeId,
  deviceTypeName: deviceTypes.name,
  status: bulkJobs.status,
  totalRows: bulkJobs.totalRows,
  createdRows: bulkJobs.createdRows,
  failedRows: bulkJobs.failedRows,
  createdAt: bulkJobs.createdAt,
  startedAt: bulkJobs.startedAt,
  finishedAt: bulkJobs.finishedAt,
  secretsFor: bulkJobs.secretsFor,
  generatedSecrets: bulkJobs.generatedSecrets,
  secretsDownloadedAt: bulkJobs.secretsDownloadedAt,
};

// Every joined row must be the run's customer's too (device types: theirs or the catalogue's): a run
// that points at another customer's flow shows no flow rather than that flow's name.
const reports = <T extends SelectedFields>(db: Conn, extra: T) =>
  db
    .select({ ...reportColumns, ...extra })
    .from(bulkJobs)
    .innerJoin(
      projects,
      and(eq(projects.id, bulkJobs.projectId), eq(projects.customerId, bulkJobs.customerId)),
    )
    .innerJoin(
      deviceTypes,
      and(
        eq(deviceTypes.id, bulkJobs.deviceTypeId),
        or(isNull(deviceTypes.customerId), eq(deviceTypes.customerId, bulkJobs.customerId)),
      ),
    )
    .leftJoin(flows, and(eq(flows.id, bulkJobs.flowId), eq(flows.customerId, bulkJobs.customerId)));

export type ReportRow = {
  [K in keyof typeof reportColumns]:
    | (typeof reportColumns)[K]['_']['data']
    | (K extends 'flowName' | 'flowId' | 'secretsFor' | 'startedAt' | 'finishedAt' | 'secretsDownloadedAt'
        ? null
        : never);
};

export async function listReports(
  db: Conn,
  customerId: string,
  query: {
    sort: { field: 'createdAt'; desc: boolean }[];
    cursor: Parameters<typeof keyset>[0]['cursor'];
    limit: number;
    includeTotal?: boolean;
  },
) {
  const ks = keyset({
    columns: {
      id: { expr: bulkJobs.id, type: 'uuid' },
      createdAt: { expr: bulkJobs.createdAt, type: 'timestamptz' },
    },
    sort: query.sort,
    cursor: query.cursor,
    limit: query.limit,
  });
  const rows = await reports(db, { _key: ks.keyValues })
    .where(and(eq(bulkJobs.customerId, customerId), ks.where))
    .orderBy(...ks.orderBy)
    .limit(ks.fetch);
  const page = ks.page(rows as unknown as (ReportRow & { _key: string[] })[]);
  const total = query.includeTotal
    ? (await db.select({ n: count() }).from(bulkJobs).where(eq(bulkJobs.customerId, customerId)))[0]!.n
    : undefined;
  return { page, total };
}

export async function findReport(db: Conn, customerId: string, id: string): Promise<ReportRow | undefined> {
  const [row] = await reports(db, {})
    .where(and(eq(bulkJobs.customerId, customerId), eq(bulkJobs.id, id)))
    .limit(1);
  return row as unknown as ReportRow | undefined;
}

/** The rows of one of this customer's runs. */
export function reportRows(db: Conn, customerId: string, jobId: string) {
  return db
    .select({
      rowNumber: bulkJobRows.rowNumber,
      input: bulkJobRows.input,
      status: bulkJobRows.status,
      deviceId: bulkJobRows.deviceId,
      error: bulkJobRows.error,
    })
    .from(bulkJobRows)
    .innerJoin(bulkJobs, eq(bulkJobs.id, bulkJobRows.jobId))
    .where(and(eq(bulkJobRows.jobId, jobId), eq(bulkJobs.customerId, customerId)))
    .orderBy(asc(bulkJobRows.rowNumber));
}

// -------------------------------------------------------------- the worker's side

/** Claims one unfinished job (another worker skips it) and marks it running. */
export async function claimJob(db: Conn, now: Date) {
  const [job] = await db
    .select()
    .from(bulkJobs)
    .where(ne(bulkJobs.status, 'done'))
    .orderBy(asc(bulkJobs.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  if (!job) return undefined;
  if (job.status === 'queued')
    await db.update(bulkJobs).set({ status: 'running', startedAt: now }).where(eq(bulkJobs.id, job.id));
  return job;
}

/** The next pending row of a run, locked for this transaction; other workers skip it. */
export function lockPendingRow(db: Conn, jobId: string) {
  return db
    .select()
    .from(bulkJobRows)
    .where(and(eq(bulkJobRows.jobId, jobId), eq(bulkJobRows.status, 'pending')))
    .orderBy(asc(bulkJobRows.rowNumber))
    .limit(1)
    .for('update', { skipLocked: true });
}

export async function hasPendingRows(db: Conn, jobId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: bulkJobRows.rowNumber })
    .from(bulkJobRows)
    .where(and(eq(bulkJobRows.jobId, jobId), eq(bulkJobRows.status, 'pending')))
    .limit(1);
  return row !== undefined;
}

/** Marks a row done; the `pending` guard makes a retried row after a crash a no-op. */
export async function finishRow(
  db: Conn,
  jobId: string,
  rowNumber: number,
  outcome: { status: 'created' | 'failed'; deviceId?: string; error?: string },
) {
  const rows = await db
    .update(bulkJobRows)
    .set({ status: outcome.status, deviceId: outcome.deviceId ?? null, error: outcome.error ?? null })
    .where(
      and(
        eq(bulkJobRows.jobId, jobId),
        eq(bulkJobRows.rowNumber, rowNumber),
        eq(bulkJobRows.status, 'pending'),
      ),
    )
    .returning({ n: bulkJobRows.rowNumber });
  if (rows.length === 0) return;
  const column = outcome.status === 'created' ? bulkJobs.createdRows : bulkJobs.failedRows;
  await db
    .update(bulkJobs)
    .set({ [outcome.status === 'created' ? 'createdRows' : 'failedRows']: sql`${column} + 1` })
    .where(eq(bulkJobs.id, jobId));
}

export async function finishJob(db: Conn, jobId: string, now: Date): Promise<void> {
  await db.update(bulkJobs).set({ status: 'done', finishedAt: now }).where(eq(bulkJobs.id, jobId));
}
