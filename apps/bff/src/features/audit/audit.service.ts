import type { Actor } from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import { insertAudit } from './audit.repo.ts';

/**
 * Records who changed what, inside the caller's transaction so the log and the change commit
 * together. `changes` holds the new values (never secrets).
 */
export async function recordChange(
  tx: Db | Tx,
  actor: Actor | 'system',
  entry: {
    customerId: string;
    action: string;
    subjectType: string;
    subjectId: string;
    changes?: Record<string, unknown>;
  },
): Promise<void> {
  await insertAudit(tx, {
    customerId: entry.customerId,
    actorKind: actor === 'system' ? 'system' : actor.kind,
    actorId: actor === 'system' ? null : actor.id,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    changes: entry.changes ?? {},
  });
}
