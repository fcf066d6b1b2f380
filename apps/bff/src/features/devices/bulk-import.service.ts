import { bulkRowSchema, DomainError, type NetworkAdapterCreate } from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { requireDeviceType } from '../device-types/device-types.service.ts';
import { linkDeviceToFlow } from '../flows/flows.service.ts';
import * as repo from './bulk.repo.ts';
import { keepGeneratedSecrets, purgeExpiredSecrets } from './bulk-secrets.service.ts';
import { addDevice } from './devices.service.ts';
import { addNetworkAdapter } from './network-adapters.service.ts';

type Job = typeof import('../../db/schema/index.ts').bulkJobs.$inferSelect;
type Row = typeof import('../../db/schema/index.ts').bulkJobRows.$inferSelect;

/** Everything one row needs, in the caller's transaction: device, network information, flow link. */
async function createRow(tx: Tx, job: Job, row: Row, now: Date): Promise<string> {
  const type = await requireDeviceType(tx, job.customerId, job.deviceTypeId);
  const parsed = bulkRowSchema(type).safeParse(row.input);
  if (!parsed.success)
    throw new DomainError('request.invalid', {
      detail: parsed.error.issues.map((i) => i.message).join('; '),
    });
  const v = parsed.data;
  const deviceId = await addDevice(
    tx,
    'system',
    job.customerId,
    {
      projectId: job.projectId,
      deviceTypeId: type.id,
      name: v.name,
      description: v.description ?? '',
      barcode: v.barcode,
    },
    now,
  );
  const network = type.networkTypes[0]!;
  const adapter: NetworkAdapterCreate | undefined =
    network === 'M2M'
      ? { type: 'M2M', imei: v.imei!, iccid: v.iccid!, earlyAccess: false, sharedSecret: v.sharedSecret }
      : network === 'INTERNET'
        ? { type: 'INTERNET', dvnUuid: v.dvnUuid!, sharedSecret: v.sharedSecret }
        : {
            type: 'LORA',
            devEui: v.devEui,
            appEui: v.appEui,
            appKey: v.appKey,
            connectivityPlanId: 'lora-basic',
          };
  const added = await addNetworkAdapter(tx, 'system', job.customerId, deviceId, adapter, now);
  // Generated secrets are never shown elsewhere: they are kept for the run's one download.
  await keepGeneratedSecrets(
    tx,
    { jobId: job.id, rowNumber: row.rowNumber, deviceId, name: v.name },
    added.adapter,
    added.secrets,
  );
  if (job.flowId) await linkDeviceToFlow(tx, 'system', job.customerId, job.flowId, deviceId, now);
  return deviceId;
}

/**
 * Claims up to `limit` pending rows of unfinished runs and creates each in its own transaction: the
 * row is locked (SKIP LOCKED, so workers share the work), the device is created and the row marked
 * created in the same commit — a crash leaves the row pending, never half-created. A rule that fails
 * marks the row failed with its reason. Returns how many rows were settled.
 */
export async function processBulkRows(
  { db, now, logger }: Pick<Deps, 'db' | 'now' | 'logger'>,
  limit: number,
): Promise<number> {
  let settled = 0;
  while (settled < limit) {
    const job = await db.transaction((tx) => repo.claimJob(tx, now()));
    if (!job) {
      // Nothing to create: a moment to delete generated secrets nobody downloaded in time.
      await purgeExpiredSecrets(db, now());
      return settled;
    }
    const outcome = await db.transaction(async (tx) => {
      const [row] = await repo.lockPendingRow(tx, job.id);
      if (!row) {
        // Rows locked by another worker are still pending: the run is only done when none is.
        if (await repo.hasPendingRows(tx, job.id)) return 'busy' as const;
        await repo.finishJob(tx, job.id, now());
        return 'job-done' as const;
      }
      try {
        const deviceId = await tx.transaction(async (inner) => createRow(inner, job, row, now()));
        await repo.finishRow(tx, job.id, row.rowNumber, { status: 'created', deviceId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await repo.finishRow(tx, job.id, row.rowNumber, { status: 'failed', error: error.message });
      }
      return 'row' as const;
    });
    if (outcome === 'busy') return settled;
    if (outcome === 'row') settled++;
    else logger.info({ jobId: job.id }, 'bulk run finished');
  }
  return settled;
}
