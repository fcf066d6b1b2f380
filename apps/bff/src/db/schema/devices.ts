import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { customers, timestamps } from './customers.ts';
import { flows, projects } from './projects.ts';

/** Platform catalogue (customer_id null) and customers' own device types (Creator). */
export const deviceTypes = pgTable(
  'device_types',
  {
    id: text('id').primaryKey(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    managed: boolean('managed').notNull().default(false),
    networkTypes: text('network_types').array().notNull(),
    /** LoRa only: `generated` = the platform makes DevEUI/AppEUI/AppKey; `provided` = the user enters them. */
    loraProvisioning: text('lora_provisioning'),
    battery: text('battery'),
    ...timestamps,
  },
  (t) => [index('device_types_customer_idx').on(t.customerId)],
);

export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    barcode: text('barcode'),
    deviceTypeId: text('device_type_id')
      .notNull()
      .references(() => deviceTypes.id, { onDelete: 'restrict' }),
    /** Activate/deactivate switch; the processing status below is derived from it and the links. */
    enabled: boolean('enabled').notNull().default(true),
    // Denormalised so the devices table filters and sorts on indexed columns at a million rows.
    processingStatus: text('processing_status').notNull(),
    networkType: text('network_type'),
    primaryIdentifier: text('primary_identifier'),
    flowCount: integer('flow_count').notNull().default(0),
    ...timestamps,
  },
  (t) => [
    index('devices_customer_name_idx').on(t.customerId, sql`lower(${t.name})`, t.id),
    index('devices_customer_created_idx').on(t.customerId, t.createdAt, t.id),
    index('devices_customer_identifier_idx').on(
      t.customerId,
      sql`coalesce(${t.primaryIdentifier}, '')`,
      t.id,
    ),
    index('devices_project_idx').on(t.projectId),
    index('devices_type_idx').on(t.customerId, t.deviceTypeId),
    index('devices_status_idx').on(t.customerId, t.processingStatus),
    index('devices_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('devices_identifier_trgm_idx').using('gin', sql`lower(${t.primaryIdentifier}) gin_trgm_ops`),
  ],
);

/**
 * When each device last sent a message: a narrow row per device, so the pipeline's once-a-second
 * update rewrites 40 bytes and two index entries instead of the wide device row and its ten indexes.
 * Every device has one (a trigger makes it with the device); `-infinity` means never, so the devices
 * table sorts by it through `device_activity_customer_idx` (joined on the device id).
 */
export const deviceActivity = pgTable(
  'device_activity',
  {
    deviceId: uuid('device_id')
      .primaryKey()
      .references(() => devices.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('device_activity_customer_idx').on(t.customerId, t.lastMessageAt, t.deviceId)],
);

/** How a device reaches the platform; one per network type. Identifiers are unique per network type. */
export const networkAdapters = pgTable(
  'network_adapters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    networkType: text('network_type').notNull(),
    /** DevEUI (upper-case hex), IMEI (digits) or DvnUUID (lower-case uuid). */
    identifier: text('identifier').notNull(),
    appEui: text('app_eui'),
    // Kept to register the device on the LoRa network server; never returned by the API.
    appKey: text('app_key'),
    connectivityPlanId: text('connectivity_plan_id'),
    networkStatus: text('network_status'),
    iccid: text('iccid'),
    // Verifies Things-Message-Token (SHA-256 of body + secret), so the secret itself is needed.
    sharedSecret: text('shared_secret'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('network_adapters_identifier_key').on(t.networkType, t.identifier),
    uniqueIndex('network_adapters_device_type_key').on(t.deviceId, t.networkType),
    index('network_adapters_iccid_idx').on(t.iccid),
  ],
);

/** Connector bindings: how a device authenticates to the HTTP, MQTT or LoRa connector. */
export const bindings = pgTable(
  'bindings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['http', 'mqtt', 'lora'] }).notNull(),
    type: text('type').notNull(),
    urn: text('urn').notNull(),
    passwordHash: text('password_hash'),
    status: text('status'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('bindings_kind_urn_key').on(t.kind, t.urn),
    index('bindings_device_idx').on(t.deviceId),
    index('bindings_customer_idx').on(t.customerId, t.kind),
  ],
);

export const deviceFlows = pgTable(
  'device_flows',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.deviceId] }), index('device_flows_device_idx').on(t.deviceId)],
);

/** Saved table views: filters, columns and sort, at most 10 per user per table, one default. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tableName: text('table_name').notNull(),
    name: text('name').notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('saved_views_name_key').on(t.userId, t.tableName, t.name),
    uniqueIndex('saved_views_default_key').on(t.userId, t.tableName).where(sql`${t.isDefault}`),
  ],
);

/** A bulk CSV run: kept as a report of what was created and what failed, and why. */
export const bulkJobs = pgTable(
  'bulk_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    deviceTypeId: text('device_type_id')
      .notNull()
      .references(() => deviceTypes.id),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done'] }).notNull(),
    totalRows: integer('total_rows').notNull(),
    createdRows: integer('created_rows').notNull().default(0),
    failedRows: integer('failed_rows').notNull().default(0),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** Who may take the generated secrets: the actor that started the run, `user:<id>` or `apiKey:<id>`. */
    secretsFor: text('secrets_for'),
    /** Devices of the run whose secrets the platform generated (kept after the secrets are gone). */
    generatedSecrets: integer('generated_secrets').notNull().default(0),
    secretsDownloadedAt: timestamp('secrets_downloaded_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('bulk_jobs_customer_idx').on(t.customerId, t.createdAt),
    index('bulk_jobs_queue_idx').on(t.createdAt).where(sql`${t.status} <> 'done'`),
  ],
);

export const bulkJobRows = pgTable(
  'bulk_job_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => bulkJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    input: jsonb('input').$type<Record<string, string>>().notNull(),
    status: text('status', { enum: ['pending', 'created', 'failed'] }).notNull(),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'set null' }),
    error: text('error'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
);

/**
 * Secrets generated for the devices of a bulk run, held only until whoever started the run downloads
 * them once (the rows are deleted as they are sent) or an hour after the run (purged by the worker).
 */
export const bulkJobSecrets = pgTable(
  'bulk_job_secrets',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => bulkJobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    /** Name and identifiers to match the device, with its generated AppKey or shared secret. */
    values: jsonb('values').$type<Record<string, string>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNumber] })],
);
