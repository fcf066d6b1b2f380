import type { BulkReportListQuerySchema } from '@openthings/domain';
import {
  type Actor,
  type BulkReport,
  type BulkValidation,
  bulkTemplate,
  DomainError,
} from '@openthings/domain';
import type { z } from 'zod';
import type { Deps } from '../../http/types.ts';
import { requireDeviceType } from '../device-types/device-types.service.ts';
import * as repo from './bulk.repo.ts';
import { downloadBulkSecrets, reportSecrets, secretsOwner } from './bulk-secrets.service.ts';
import { type BulkTarget, validateRows } from './bulk-validation.service.ts';

export function createBulkService({ db, now }: Deps) {
  return {
    template: () => bulkTemplate(),

    async validate(actor: Actor, target: BulkTarget, text: string): Promise<BulkValidation> {
      const type = await requireDeviceType(db, actor.customerId, target.deviceTypeId, 'query.deviceTypeId');
      // Writes nothing; the transaction holds the capacity check's project lock until the answer is ready.
      const { columns, rows } = await db.transaction(async (tx) =>
        validateRows(tx, actor.customerId, type, target, text),
      );
      const invalidRows = rows.filter((r) => r.errors.length > 0).length;
      return {
        columns,
        rows: rows.map(({ rowNumber, values, errors }) => ({ rowNumber, values, errors })),
        validRows: rows.length - invalidRows,
        invalidRows,
      };
    },

    /** Stores the run (valid rows pending, invalid rows failed with their reason) for the worker. */
    async execute(actor: Actor, target: BulkTarget, text: string): Promise<{ id: string }> {
      const type = await requireDeviceType(db, actor.customerId, target.deviceTypeId, 'query.deviceTypeId');
      if (type.managed)
        throw new DomainError('devices.managed', {
          detail: 'Managed devices are registered by the operator',
        });
      return db.transaction(async (tx) => {
        const { rows } = await validateRows(tx, actor.customerId, type, target, text);
        const validCount = rows.filter((r) => r.errors.length === 0).length;
        if (validCount === 0)
          throw new DomainError('bulk.no_valid_rows', {
            detail: 'No row can be created; fix the reported rows and upload again',
          });
        const id = await repo.insertJob(tx, {
          customerId: actor.customerId,
          createdBy: actor.kind === 'user' ? actor.id : null,
          secretsFor: secretsOwner(actor),
          projectId: target.projectId,
          flowId: target.flowId ?? null,
          deviceTypeId: type.id,
          fileName: target.fileName,
          status: 'queued',
          totalRows: rows.length,
          failedRows: rows.length - validCount,
          createdAt: now(),
        });
        await repo.insertJobRows(
          tx,
          rows.map((r) => ({
            jobId: id,
            rowNumber: r.rowNumber,
            input: r.values,
            status: r.errors.length ? ('failed' as const) : ('pending' as const),
            error: r.errors.length ? r.errors.join('; ') : null,
          })),
        );
        return { id };
      });
    },

    async listReports(actor: Actor, query: z.output<typeof BulkReportListQuerySchema>) {
      const { page, total } = await repo.listReports(db, actor.customerId, query);
      const at = now();
      return { page: { ...page, data: page.data.map((row) => toReport(row, actor, at)) }, total };
    },

    /** The run's generated secrets as CSV rows, once (see downloadBulkSecrets). */
    downloadSecrets: (actor: Actor, id: string) => downloadBulkSecrets({ db, now }, actor, id),

    async getReport(actor: Actor, id: string) {
      const row = await repo.findReport(db, actor.customerId, id);
      if (!row) throw new DomainError('resource.not_found', { detail: 'Bulk report not found' });
      const rows = await repo.reportRows(db, actor.customerId, id);
      return {
        ...toReport(row, actor, now()),
        rows: rows.map((r) => ({
          rowNumber: r.rowNumber,
          values: r.input,
          status: r.status,
          deviceId: r.deviceId,
          error: r.error,
        })),
      };
    },
  };
}

function toReport(row: repo.ReportRow, actor: Actor, now: Date): BulkReport {
  return {
    id: row.id,
    fileName: row.fileName,
    project: { id: row.projectId, name: row.projectName },
    flow: row.flowId && row.flowName ? { id: row.flowId, name: row.flowName } : null,
    deviceType: { id: row.deviceTypeId, name: row.deviceTypeName },
    status: row.status,
    totalRows: row.totalRows,
    createdRows: row.createdRows,
    failedRows: row.failedRows,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    generatedSecrets: reportSecrets(row, actor, now),
  };
}
