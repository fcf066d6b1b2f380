import { z } from 'zod';
import { SharedSecretSchema } from '../auth/password.ts';
import {
  DEFAULT_LORA_CONNECTIVITY_PLAN_ID,
  LoraConnectivityPlanIdSchema,
} from '../connectivity/connectivity.plans.ts';
import { DescriptionSchema } from '../projects/projects.schemas.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { NetworkTypeSchema } from '../shared/network.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp, TimestampQuery } from '../shared/time.ts';
import {
  AppEuiSchema,
  AppKeySchema,
  DevEuiSchema,
  DvnUuidSchema,
  IccidSchema,
  ImeiSchema,
} from './identifiers.ts';

export const PROCESSING_STATUSES = ['ACTIVE', 'DEACTIVATED', 'NOT_LINKED', 'INVENTORY'] as const;
export const ProcessingStatusSchema = z.enum(PROCESSING_STATUSES);
export type ProcessingStatus = z.infer<typeof ProcessingStatusSchema>;

export const processingStatusLabels: Record<ProcessingStatus, string> = {
  ACTIVE: 'Active',
  DEACTIVATED: 'Deactivated',
  NOT_LINKED: 'Not yet linked',
  INVENTORY: 'Inventory',
};

/**
 * PRODUCT §3: deactivated wins (uplinks kept, not processed); a device without network registration is
 * inventory; one in no flow is not yet linked; otherwise data flows both ways.
 */
export function deriveProcessingStatus(d: {
  enabled: boolean;
  registered: boolean;
  flowCount: number;
}): ProcessingStatus {
  if (!d.enabled) return 'DEACTIVATED';
  if (!d.registered) return 'INVENTORY';
  if (d.flowCount === 0) return 'NOT_LINKED';
  return 'ACTIVE';
}

export const DeviceNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'The name must be at most 100 characters');
export const BarcodeSchema = storedText('The barcode')
  .trim()
  .max(100, 'The barcode must be at most 100 characters');

export const DeviceSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    barcode: z.string().nullable(),
    deviceType: z.object({ id: z.string(), name: z.string(), managed: z.boolean() }),
    project: z.object({ id: z.uuid(), name: z.string() }),
    enabled: z.boolean(),
    processingStatus: ProcessingStatusSchema,
    networkType: NetworkTypeSchema.nullable().describe('Network of the primary identifier'),
    primaryIdentifier: z.string().nullable().describe('DevEUI (LoRa), IMEI (M2M) or DvnUUID (Internet)'),
    urn: z.string().nullable().describe('Device URN, e.g. urn:dev:IMEI:357292748642776:'),
    flowCount: z.number().int(),
    flowNames: z.array(z.string()).describe('Names of the first 10 flows the device is in'),
    lastMessageAt: Timestamp.nullable(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof DeviceSchema>;

export const DeviceCreateSchema = z
  .object({
    projectId: z.uuid({ message: 'Choose a project' }),
    deviceTypeId: z.string({ message: 'Choose a device type' }).min(1, 'Choose a device type').max(100),
    name: DeviceNameSchema,
    description: DescriptionSchema.default(''),
    barcode: BarcodeSchema.optional(),
  })
  .strict()
  .meta({ id: 'DeviceCreate' });
export type DeviceCreate = z.input<typeof DeviceCreateSchema>;

export const DeviceUpdateSchema = z
  .object({ name: DeviceNameSchema, description: DescriptionSchema, barcode: BarcodeSchema.nullable() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'DeviceUpdate' });
export type DeviceUpdate = z.infer<typeof DeviceUpdateSchema>;

/** A comma list in a query string (`status=ACTIVE,DEACTIVATED`) as a validated array. */
export function commaList<T extends z.ZodType<string, string>>(item: T) {
  return z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(100));
}

export const DEVICE_SORT_FIELDS = [
  'name',
  'deviceType',
  'primaryIdentifier',
  'lastMessageAt',
  'project',
  'flowCount',
  'processingStatus',
  'createdAt',
  'modifiedAt',
] as const;
export type DeviceSortField = (typeof DEVICE_SORT_FIELDS)[number];

/** The devices table's query: search by name or identifier, filters, sort, keyset pages. */
export const DeviceListQuerySchema = listQuerySchema(DEVICE_SORT_FIELDS, 'name').extend({
  q: storedText('The search text')
    .trim()
    .max(200)
    .optional()
    .describe('Case-insensitive partial match on name and primary identifier'),
  deviceTypeId: commaList(z.string().max(100)).optional().describe('Comma list of device type ids'),
  status: commaList(ProcessingStatusSchema).optional().describe('Comma list of processing statuses'),
  networkType: commaList(NetworkTypeSchema).optional(),
  flowId: z.uuid().optional(),
  lastMessageSince: TimestampQuery.optional(),
  lastMessageBefore: TimestampQuery.optional(),
});
export type DeviceListQuery = z.output<typeof DeviceListQuerySchema>;
export const DevicePageSchema = pageSchema(DeviceSchema);

export const DEVICE_COLUMNS = [
  'name',
  'deviceType',
  'primaryIdentifier',
  'lastMessageAt',
  'project',
  'flowCount',
  'processingStatus',
  'description',
  'barcode',
  'networkType',
  'createdAt',
] as const;
export const deviceColumnLabels: Record<(typeof DEVICE_COLUMNS)[number], string> = {
  name: 'Name',
  deviceType: 'Type',
  primaryIdentifier: 'Identifier',
  lastMessageAt: 'Last message',
  project: 'Project',
  flowCount: 'Flows',
  processingStatus: 'Status',
  description: 'Description',
  barcode: 'Barcode',
  networkType: 'Network',
  createdAt: 'Created',
};

export const DeviceExportQuerySchema = DeviceListQuerySchema.omit({
  cursor: true,
  limit: true,
  includeTotal: true,
}).extend({
  format: z.enum(['csv', 'xlsx'], { message: 'format must be csv or xlsx' }),
  columns: commaList(z.enum(DEVICE_COLUMNS))
    .optional()
    .describe('Columns in order; default: the table columns'),
});
export type DeviceExportQuery = z.output<typeof DeviceExportQuerySchema>;

export const BULK_ACTIONS = ['activate', 'deactivate', 'delete', 'link', 'unlink'] as const;
export const BulkActionSchema = z
  .object({
    action: z.enum(BULK_ACTIONS),
    deviceIds: z
      .array(z.uuid())
      .min(1, 'Select at least one device')
      .max(500, 'At most 500 devices at a time'),
    flowId: z.uuid().optional(),
  })
  .strict()
  .refine((v) => (v.action === 'link' || v.action === 'unlink' ? v.flowId !== undefined : true), {
    message: 'Choose a flow',
    path: ['flowId'],
  })
  .meta({ id: 'DeviceBulkAction' });
export const BulkActionResultSchema = z.object({
  succeeded: z.array(z.uuid()),
  failed: z.array(z.object({ id: z.uuid(), code: z.string(), detail: z.string() })),
});

// ---------------------------------------------------------------- network adapters

export const LORA_NETWORK_STATUSES = ['INVENTORY', 'PENDING_CREATION', 'ACTIVE', 'FAILED'] as const;
export const loraNetworkStatusLabels = {
  INVENTORY: 'Inventory',
  PENDING_CREATION: 'Pending creation',
  ACTIVE: 'Active',
  FAILED: 'Failed',
} as const;

export const LoraAdapterCreateSchema = z
  .object({
    type: z.literal('LORA'),
    devEui: DevEuiSchema.optional().describe('Omit for programmable device types: it is generated'),
    appEui: AppEuiSchema.optional(),
    appKey: AppKeySchema.optional(),
    connectivityPlanId: LoraConnectivityPlanIdSchema.default(DEFAULT_LORA_CONNECTIVITY_PLAN_ID),
  })
  .strict();
export const M2mAdapterCreateSchema = z
  .object({
    type: z.literal('M2M'),
    imei: ImeiSchema,
    iccid: IccidSchema,
    earlyAccess: z
      .boolean()
      .default(false)
      .describe('An early-access SIM entered by hand, not yet in this account'),
    sharedSecret: SharedSecretSchema.optional().describe('Omit to have one generated (shown once)'),
  })
  .strict();
export const InternetAdapterCreateSchema = z
  .object({
    type: z.literal('INTERNET'),
    dvnUuid: DvnUuidSchema,
    sharedSecret: SharedSecretSchema.optional().describe('Omit to have one generated (shown once)'),
  })
  .strict();
export const NetworkAdapterCreateSchema = z
  .discriminatedUnion('type', [LoraAdapterCreateSchema, M2mAdapterCreateSchema, InternetAdapterCreateSchema])
  .meta({ id: 'NetworkAdapterCreate' });
export type NetworkAdapterCreate = z.output<typeof NetworkAdapterCreateSchema>;

/** Identifiers are immutable: the same value is a no-op, another value a 400. */
export const NetworkAdapterUpdateSchema = z
  .object({
    devEui: DevEuiSchema,
    imei: ImeiSchema,
    dvnUuid: DvnUuidSchema,
    connectivityPlanId: LoraConnectivityPlanIdSchema,
    iccid: IccidSchema,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'NetworkAdapterUpdate' });
export type NetworkAdapterUpdate = z.infer<typeof NetworkAdapterUpdateSchema>;

export const NetworkAdapterSchema = z
  .object({
    id: z.uuid(),
    deviceId: z.uuid(),
    type: NetworkTypeSchema,
    identifier: z.string(),
    urn: z.string(),
    devEui: z.string().nullable(),
    appEui: z.string().nullable(),
    connectivityPlanId: z.string().nullable(),
    networkStatus: z.enum(LORA_NETWORK_STATUSES).nullable(),
    imei: z.string().nullable(),
    iccid: z.string().nullable(),
    dvnUuid: z.string().nullable(),
    hasSharedSecret: z.boolean(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'NetworkAdapter' });
export type NetworkAdapter = z.infer<typeof NetworkAdapterSchema>;

export const NetworkAdapterCreatedSchema = z
  .object({
    adapter: NetworkAdapterSchema,
    secrets: z
      .object({ appKey: z.string().optional(), sharedSecret: z.string().optional() })
      .describe('Generated secrets, shown once: they cannot be retrieved after this answer'),
  })
  .meta({ id: 'NetworkAdapterCreated' });

export const SecretResponseSchema = z.object({ sharedSecret: z.string().describe('Shown once') });
