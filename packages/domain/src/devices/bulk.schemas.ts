import { z } from 'zod';
import { SharedSecretSchema } from '../auth/password.ts';
import type { DeviceType } from '../device-types/device-types.schemas.ts';
import { DescriptionSchema } from '../projects/projects.schemas.ts';
import { firstControlCharacter, replaceControlCharacters } from '../shared/control-characters.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { Timestamp } from '../shared/time.ts';
import { BulkGeneratedSecretsSchema } from './bulk-secrets.ts';
import { BarcodeSchema, DeviceNameSchema } from './devices.schemas.ts';
import {
  AppEuiSchema,
  AppKeySchema,
  DevEuiSchema,
  DvnUuidSchema,
  IccidSchema,
  ImeiSchema,
} from './identifiers.ts';

/** The template's columns, in order (comma-separated, UTF-8, header row first). */
export const BULK_COLUMNS = [
  'name',
  'description',
  'barcode',
  'imei',
  'iccid',
  'devEui',
  'appEui',
  'appKey',
  'dvnUuid',
  'sharedSecret',
] as const;
export type BulkColumn = (typeof BULK_COLUMNS)[number];
export const MAX_BULK_ROWS = 10_000;
export const MAX_BULK_BYTES = 10 * 1024 * 1024;

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), schema.optional());

/** The columns a row must fill for devices of this type (the network information of its network). */
export function requiredBulkColumns(
  type: Pick<DeviceType, 'networkTypes' | 'loraProvisioning'>,
): BulkColumn[] {
  const network = type.networkTypes[0];
  if (network === 'M2M') return ['name', 'imei', 'iccid'];
  if (network === 'INTERNET') return ['name', 'dvnUuid'];
  return type.loraProvisioning === 'generated' ? ['name'] : ['name', 'devEui', 'appEui', 'appKey'];
}

/** Cells that may span lines (a quoted multi-line description); every other cell is one line. */
const MULTI_LINE: ReadonlySet<string> = new Set<BulkColumn>(['description']);

/** Why a cell cannot be taken as it is, or null: no cell may hold control characters. */
export function bulkCellProblem(column: string, value: string): string | null {
  const found = firstControlCharacter(value, { allowLineBreaks: MULTI_LINE.has(column) });
  return found ? `The ${column} cell holds a control character (${found}); remove it and upload again` : null;
}

/** A row's cells as they can be shown and kept: refused control characters become U+FFFD (�). */
export function visibleBulkCells(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([column, value]) => [
      column,
      replaceControlCharacters(value, { allowLineBreaks: MULTI_LINE.has(column) }),
    ]),
  );
}

/** Cells of a CSV row, refused with one reason per cell that holds a control character. */
const BulkCellsSchema = z.record(z.string(), z.string()).superRefine((values, ctx) => {
  for (const [column, value] of Object.entries(values)) {
    const problem = bulkCellProblem(column, value);
    if (problem) ctx.addIssue({ code: 'custom', path: [column], message: problem });
  }
});

/**
 * One CSV row for devices of `type`: control characters and formats are checked here, uniqueness and
 * limits by the server.
 */
export function bulkRowSchema(type: Pick<DeviceType, 'networkTypes' | 'loraProvisioning'>) {
  const required = new Set(requiredBulkColumns(type));
  const field = <T extends z.ZodType<unknown, string>>(name: BulkColumn, schema: T) =>
    required.has(name)
      ? z
          .string({ message: `${name} is required` })
          .min(1, `${name} is required`)
          .pipe(schema)
      : optional(schema);
  const row = z.object({
    name: DeviceNameSchema,
    description: optional(DescriptionSchema),
    barcode: optional(BarcodeSchema),
    imei: field('imei', ImeiSchema),
    iccid: field('iccid', IccidSchema),
    devEui: field('devEui', DevEuiSchema),
    appEui: field('appEui', AppEuiSchema),
    appKey: field('appKey', AppKeySchema),
    dvnUuid: field('dvnUuid', DvnUuidSchema),
    sharedSecret: optional(SharedSecretSchema),
  });
  // A cell with a control character gets that reason alone: its other checks would read the same bytes.
  return BulkCellsSchema.transform((cells) => cells as z.input<typeof row>).pipe(row);
}
export type BulkRow = z.output<ReturnType<typeof bulkRowSchema>>;

export function bulkTemplate(): string {
  return `${BULK_COLUMNS.join(',')}\r\nBoiler room sensor,Ground floor,BC-0001,357292748642776,89310410106543789305,,,,,\r\n`;
}

const noControlCharacters = (v: string) => firstControlCharacter(v) === null;

export const BulkTargetSchema = z.object({
  deviceTypeId: z
    .string({ message: 'Choose a device type' })
    .min(1)
    .max(100)
    .refine(noControlCharacters, 'Choose a device type'),
  projectId: z.uuid({ message: 'Choose a project' }),
  flowId: z.uuid().optional(),
  fileName: z
    .string()
    .trim()
    .max(200)
    .refine(noControlCharacters, 'The file name may not hold control characters')
    .default('devices.csv'),
});

export const BulkValidationSchema = z
  .object({
    columns: z.array(z.string()),
    rows: z.array(
      z.object({
        rowNumber: z.number().int(),
        values: z.record(z.string(), z.string()),
        errors: z.array(z.string()),
      }),
    ),
    validRows: z.number().int(),
    invalidRows: z.number().int(),
  })
  .meta({ id: 'BulkValidation' });
export type BulkValidation = z.infer<typeof BulkValidationSchema>;

export const BulkReportSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    project: z.object({ id: z.uuid(), name: z.string() }),
    flow: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    deviceType: z.object({ id: z.string(), name: z.string() }),
    status: z.enum(['queued', 'running', 'done']),
    totalRows: z.number().int(),
    createdRows: z.number().int(),
    failedRows: z.number().int(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    generatedSecrets: BulkGeneratedSecretsSchema,
  })
  .meta({ id: 'BulkReport' });
export type BulkReport = z.infer<typeof BulkReportSchema>;

export const BulkReportRowSchema = z.object({
  rowNumber: z.number().int(),
  values: z.record(z.string(), z.string()),
  status: z.enum(['pending', 'created', 'failed']),
  deviceId: z.uuid().nullable(),
  error: z.string().nullable(),
});
export const BulkReportDetailSchema = BulkReportSchema.extend({ rows: z.array(BulkReportRowSchema) });

export const BulkReportListQuerySchema = listQuerySchema(['createdAt'] as const, '-createdAt');
export const BulkReportPageSchema = pageSchema(BulkReportSchema);
