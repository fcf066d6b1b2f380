import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { bulkJobSecrets, bulkJobs } from '../../db/schema/index.ts';

type Conn = Db | Tx;

/** Keeps a row's generated secrets for the run's one download, and counts them on the run. */
export async function insertSecret(db: Conn, row: typeof bulkJobSecrets.$inferInsert): Promise<void> {
  await db.insert(bulkJobSecrets).values(row);
  await db
    .update(bulkJobs)
    .set({ generatedSecrets: sql`${bulkJobs.generatedSecrets} + 1` })
    .where(eq(bulkJobs.id, row.jobId));
}

/** One of this customer's runs, locked: two downloads at once are one download and one refusal. */
export async function lockRun(db: Conn, customerId: string, id: string) {
  const [run] = await db
    .select({
      id: bulkJobs.id,
      status: bulkJobs.status,
      deviceTypeId: bulkJobs.deviceTypeId,
      finishedAt: bulkJobs.finishedAt,
      secretsFor: bulkJobs.secretsFor,
      generatedSecrets: bulkJobs.generatedSecrets,
      secretsDownloadedAt: bulkJobs.secretsDownloadedAt,
    })
    .from(bulkJobs)
    .where(and(eq(bulkJobs.customerId, customerId), eq(bulkJobs.id, id)))
    .limit(1)
    .for('update');
  return run;
}

/** Deletes the run's secrets and returns them: what is read here can never be read again. */
export async function takeSecrets(db: Conn, jobId: string) {
  const rows = await db.delete(bulkJobSecrets).where(eq(bulkJobSecrets.jobId, jobId)).returning({
    rowNumber: bulkJobSecrets.rowNumber,
    deviceId: bulkJobSecrets.deviceId,
    values: bulkJobSecrets.values,
  });
  return rows.sort((a, b) => a.rowNumber - b.rowNumber);
}

export async function markDownloaded(db: Conn, jobId: string, now: Date): Promise<void> {
  await db.update(bulkJobs).set({ secretsDownloadedAt: now }).where(eq(bulkJobs.id, jobId));
}

export async function dropSecrets(db: Conn, jobId: string): Promise<void> {
  await db.delete(bulkJobSecrets).where(eq(bulkJobSecrets.jobId, jobId));
}

/** Deletes the secrets of runs that finished before `cutoff`; returns how many rows went. */
export async function purgeExpiredSecrets(db: Conn, cutoff: Date): Promise<number> {
  // Read from the (nearly always empty) secrets table, so the runs' history is never scanned.
  const finished = db
    .select({ id: bulkJobs.id })
    .from(bulkJobSecrets)
    .innerJoin(bulkJobs, eq(bulkJobs.id, bulkJobSecrets.jobId))
    .where(lt(bulkJobs.finishedAt, cutoff));
  const gone = await db
    .delete(bulkJobSecrets)
    .where(inArray(bulkJobSecrets.jobId, finished))
    .returning({ n: bulkJobSecrets.rowNumber });
  return gone.length;
}
