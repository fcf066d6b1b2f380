import type { BulkTargetSchema } from '@openthings/domain';
import {
  BULK_COLUMNS,
  bulkRowSchema,
  type DeviceType,
  DomainError,
  MAX_BULK_ROWS,
  requiredBulkColumns,
  visibleBulkCells,
} from '@openthings/domain';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { requireFlow } from '../flows/flows.service.ts';
import { assertDeviceCapacity } from '../projects/projects.service.ts';
import * as repo from './bulk.repo.ts';

export type BulkTarget = z.output<typeof BulkTargetSchema>;
interface CheckedRow {
  rowNumber: number;
  values: Record<string, string>;
  errors: string[];
}

const invalid = (detail: string) => new DomainError('bulk.invalid_file', { detail });

/** Reads the CSV text into header + rows, with messages a person can act on. */
export function readCsv(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const body = text.replace(/^\uFEFF/, '');
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  if (headerLine.trim() === '') throw invalid('The file is empty; start from the template');
  if (!headerLine.includes(',')) {
    const used = [';', '\t', '|'].find((s) => headerLine.includes(s));
    throw invalid(
      used
        ? `Use a comma (,) as the separator; this file uses ${used === '\t' ? 'tabs' : `"${used}"`}`
        : 'The header row has only one column; use the template',
    );
  }
  let records: string[][];
  try {
    records = parse(body, { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw invalid(`The file is not valid CSV: ${(error as Error).message}`);
  }
  const [header = [], ...data] = records;
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter((c) => !(BULK_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw invalid(
      `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. The columns are: ${BULK_COLUMNS.join(', ')}`,
    );
  if (data.length === 0) throw invalid('The file has a header but no rows');
  if (data.length > MAX_BULK_ROWS)
    throw invalid(`The file has ${data.length} rows; at most ${MAX_BULK_ROWS} per file`);
  return { columns, rows: data.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? '']))) };
}

const identifierColumn = { LORA: 'devEui', M2M: 'imei', INTERNET: 'dvnUuid' } as const;

const badTarget = (field: 'projectId' | 'flowId', message: string) =>
  new DomainError('request.invalid', {}, { [`query.${field}`]: [message] });

/**
 * The target must be this customer's: the flow one of theirs in the chosen project (another
 * customer's flow is as unknown as a made-up id), so neither validation nor the report can read it.
 */
async function checkTarget(tx: Db | Tx, customerId: string, target: BulkTarget): Promise<void> {
  if (!target.flowId) return;
  const flow = await requireFlow(tx, customerId, target.flowId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'resource.not_found')
      throw badTarget('flowId', 'Unknown flow');
    throw error;
  });
  if (flow.projectId !== target.projectId)
    throw badTarget(
      'flowId',
      `The flow "${flow.name}" is in project "${flow.projectName}"; choose a flow of the target project`,
    );
}

/**
 * Checks every row before anything is written: formats (domain schema), duplicates inside the file,
 * identifiers already on the platform, SIMs of the account, and the project's device limit.
 */
export async function validateRows(
  tx: Db | Tx,
  customerId: string,
  type: DeviceType,
  target: BulkTarget,
  text: string,
) {
  await checkTarget(tx, customerId, target);
  const { columns, rows } = readCsv(text);
  const missing = requiredBulkColumns(type).filter((c) => !columns.includes(c));
  if (missing.length)
    throw invalid(`Missing column${missing.length > 1 ? 's' : ''} for ${type.name}: ${missing.join(', ')}`);
  const schema = bulkRowSchema(type);
  const network = type.networkTypes[0]!;
  const idColumn = identifierColumn[network];
  const checked: (CheckedRow & { parsed?: z.output<typeof schema> })[] = rows.map((values, i) => {
    const result = schema.safeParse(values);
    return result.success
      ? { rowNumber: i + 2, values, errors: [], parsed: result.data }
      : {
          rowNumber: i + 2,
          // A refused row is shown and kept without its control characters (PostgreSQL refuses NUL).
          values: visibleBulkCells(values),
          errors: result.error.issues.map((issue) => issue.message),
        };
  });

  const seen = new Map<string, number>();
  const seenIccid = new Map<string, number>();
  for (const row of checked) {
    const id = row.parsed?.[idColumn];
    if (id) {
      const first = seen.get(id);
      if (first !== undefined) row.errors.push(`Duplicate ${idColumn} ${id}: also in row ${first}`);
      else seen.set(id, row.rowNumber);
    }
    const iccid = row.parsed?.iccid;
    if (iccid) {
      const first = seenIccid.get(iccid);
      if (first !== undefined) row.errors.push(`Duplicate ICCID ${iccid}: also in row ${first}`);
      else seenIccid.set(iccid, row.rowNumber);
    }
  }
  const existing = await repo.existingIdentifiers(tx, network, [...seen.keys()]);
  const simInfo = await repo.simsByIccid(tx, customerId, [...seenIccid.keys()]);
  for (const row of checked) {
    const id = row.parsed?.[idColumn];
    if (id && existing.has(id))
      row.errors.push('The network identifier already exists for this network type');
    const iccid = row.parsed?.iccid;
    if (iccid) {
      const sim = simInfo.get(iccid);
      if (!sim) row.errors.push(`No SIM with ICCID ${iccid} in your account`);
      else if (sim.status === 'RETIRED') row.errors.push(`SIM ${iccid} is retired`);
      else if (sim.deviceId) row.errors.push(`SIM ${iccid} is already linked to a device`);
    }
  }
  // The limit: rows beyond what the project can still take are reported, in file order. The check
  // also runs for no row at all, so an unknown project (or another customer's) is always refused.
  const valid = checked.filter((r) => r.errors.length === 0);
  let capacity = valid.length;
  for (;;) {
    try {
      await assertDeviceCapacity(tx, customerId, target.projectId, type, capacity, 'query.projectId');
      break;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'devices.limit_reached') throw error;
      if (capacity === 0) break;
      capacity--;
    }
  }
  for (const row of valid.slice(capacity)) {
    row.errors.push(
      'Device could not be created: The maximum amount of devices for this product has been reached',
    );
  }
  return { columns, rows: checked };
}
