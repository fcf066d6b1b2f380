import {
  type Actor,
  BULK_SECRETS_TTL_MS,
  bulkSecretsColumns,
  bulkSecretsState,
  DomainError,
  type NetworkType,
} from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { requireDeviceType } from '../device-types/device-types.service.ts';
import * as repo from './bulk-secrets.repo.ts';

/** Who may take a run's generated secrets: the user or API key that started it. */
export const secretsOwner = (actor: Actor): string => `${actor.kind}:${actor.id}`;

/** The generated-secrets part of a report, as the caller sees it. */
export function reportSecrets(
  run: Parameters<typeof bulkSecretsState>[0] & { secretsFor: string | null },
  actor: Actor,
  now: Date,
) {
  return bulkSecretsState(run, now, run.secretsFor === secretsOwner(actor));
}

/**
 * Keeps the secrets the platform generated for one created row, in the row's transaction (a row that
 * fails keeps nothing), with the identifiers that tell the devices apart.
 */
export async function keepGeneratedSecrets(
  tx: Tx,
  row: { jobId: string; rowNumber: number; deviceId: string; name: string },
  adapter: { devEui: string | null; appEui: string | null; imei: string | null; dvnUuid: string | null },
  secrets: { appKey?: string | undefined; sharedSecret?: string | undefined },
): Promise<void> {
  if (!secrets.appKey && !secrets.sharedSecret) return;
  const values: Record<string, string> = { name: row.name };
  for (const [key, value] of Object.entries({ ...adapter, ...secrets })) if (value) values[key] = value;
  await repo.insertSecret(tx, { jobId: row.jobId, rowNumber: row.rowNumber, deviceId: row.deviceId, values });
}

/** Removes the secrets of runs that finished more than the allowed time ago (the worker calls it). */
export function purgeExpiredSecrets(tx: Deps['db'] | Tx, now: Date): Promise<number> {
  return repo.purgeExpiredSecrets(tx, new Date(now.getTime() - BULK_SECRETS_TTL_MS));
}

const gone = (detail: string) => new DomainError('bulk.secrets_gone', { detail });

/**
 * Hands over a finished run's generated secrets once, to whoever started the run: they are deleted in
 * the same transaction that reads them, so a second request (or a second tab) gets 410. An expired
 * run's secrets are deleted on the spot.
 */
export async function downloadBulkSecrets({ db, now }: Pick<Deps, 'db' | 'now'>, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const run = await repo.lockRun(tx, actor.customerId, id);
    if (!run) throw new DomainError('resource.not_found', { detail: 'Bulk report not found' });
    if (run.generatedSecrets === 0)
      throw new DomainError('resource.not_found', { detail: 'This run generated no secrets' });
    if (run.secretsFor !== secretsOwner(actor))
      throw new DomainError('auth.forbidden', {
        detail: 'Only whoever started the run can download its generated secrets',
      });
    const state = bulkSecretsState(run, now(), true);
    if (state.status === 'pending') throw new DomainError('bulk.secrets_not_ready');
    if (state.status === 'downloaded')
      throw gone(
        `The generated secrets were downloaded at ${run.secretsDownloadedAt!.toISOString()}; reset a device's secret on its page to get a new one`,
      );
    if (state.status === 'expired') {
      await repo.dropSecrets(tx, run.id);
      throw gone(
        "The generated secrets were not downloaded within an hour of the run and were deleted; reset a device's secret on its page to get a new one",
      );
    }
    const rows = await repo.takeSecrets(tx, run.id);
    await repo.markDownloaded(tx, run.id, now());
    await recordChange(tx, actor, {
      customerId: actor.customerId,
      action: 'bulk.secrets_downloaded',
      subjectType: 'bulk_job',
      subjectId: run.id,
      changes: { devices: rows.length },
    });
    const type = await requireDeviceType(tx, actor.customerId, run.deviceTypeId);
    const columns = bulkSecretsColumns(type.networkTypes[0] as NetworkType);
    return {
      fileName: `bulk-${run.id.slice(0, 8)}-generated-secrets`,
      columns,
      rows: rows.map((r) =>
        columns.map((c) =>
          c === 'row' ? r.rowNumber : c === 'deviceId' ? r.deviceId : (r.values[c] ?? null),
        ),
      ),
    };
  });
}
