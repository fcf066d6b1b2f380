import type { Db, Tx } from '../../db/client.ts';
import { auditLog } from '../../db/schema/index.ts';

export type AuditRow = typeof auditLog.$inferInsert;

export async function insertAudit(db: Db | Tx, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}
