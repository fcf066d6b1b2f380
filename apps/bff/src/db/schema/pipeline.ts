import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
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
import { customers, timestamps } from './customers.ts';
import { devices } from './devices.ts';
import { flows } from './projects.ts';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * Every uplink as received — durable before the connector answers. The partial index on `accepted`
 * rows is the decode queue (claimed with SKIP LOCKED); ids are UUIDv7, so they sort by arrival.
 */
export const uplinks = pgTable(
  'uplinks',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    connector: text('connector').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    contentType: text('content_type'),
    payload: bytea('payload').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    state: text('state', { enum: ['accepted', 'processed', 'ignored', 'failed'] }).notNull(),
    error: text('error'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    // What identifies a network server's message (ChirpStack's deduplicationId, ThingPark's frame
    // counter and time): the same message posted again is stored once.
    dedupKey: text('dedup_key'),
  },
  (t) => [
    index('uplinks_device_time_idx').on(t.deviceId, t.receivedAt),
    index('uplinks_queue_idx').on(t.id).where(sql`${t.state} = 'accepted'`),
    uniqueIndex('uplinks_dedup_idx').on(t.deviceId, t.dedupKey).where(sql`${t.dedupKey} is not null`),
  ],
);

/** What each flow's decoder made of an uplink: resolved SenML records, or the error. */
export const decodings = pgTable(
  'decodings',
  {
    uplinkId: uuid('uplink_id')
      .notNull()
      .references(() => uplinks.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    decoderId: text('decoder_id').notNull(),
    records: jsonb('records').$type<unknown[]>(),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [primaryKey({ columns: [t.uplinkId, t.flowId, t.decoderId] })],
);

/** The twin's reported state: the latest value per measurement name. */
export const twinReported = pgTable(
  'twin_reported',
  {
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    value: jsonb('value').$type<number | string | boolean>().notNull(),
    unit: text('unit'),
    time: timestamp('time', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.name] })],
);

/** Decoders switched on per device type in a flow (PRODUCT §5, "Data processing"). */
export const flowDecoders = pgTable(
  'flow_decoders',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    deviceTypeId: text('device_type_id').notNull(),
    decoderId: text('decoder_id').notNull(),
    enabled: boolean('enabled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.flowId, t.deviceTypeId, t.decoderId] })],
);

export const destinations = pgTable(
  'destinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['HTTPS', 'TEST', 'MQTT'] }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    // Signs deliveries (Things-Message-Token and Standard Webhooks), so the secret itself is kept.
    sharedSecret: text('shared_secret').notNull(),
    // After a rotation the previous secret also signs (a second webhook-signature) until this time.
    previousSharedSecret: text('previous_shared_secret'),
    previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
    status: text('status', { enum: ['ACTIVE', 'INACTIVE'] })
      .notNull()
      .default('ACTIVE'),
    inactiveReason: text('inactive_reason'),
    failingSince: timestamp('failing_since', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('destinations_customer_idx').on(t.customerId, sql`lower(${t.name})`, t.id)],
);

export const flowDestinations = pgTable(
  'flow_destinations',
  {
    flowId: uuid('flow_id')
      .notNull()
      .references(() => flows.id, { onDelete: 'cascade' }),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => destinations.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.flowId, t.destinationId] }),
    index('flow_destinations_destination_idx').on(t.destinationId),
  ],
);

/**
 * One delivery per (uplink, destination): the body is stored so every retry and replay sends the
 * same bytes under the same `webhook-id`. The partial index on pending rows is the delivery queue.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    uplinkId: uuid('uplink_id')
      .notNull()
      .references(() => uplinks.id, { onDelete: 'cascade' }),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => destinations.id, { onDelete: 'cascade' }),
    flowId: uuid('flow_id').references(() => flows.id, { onDelete: 'set null' }),
    deviceId: uuid('device_id').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: ['pending', 'succeeded', 'dead'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('deliveries_uplink_destination_key').on(t.uplinkId, t.destinationId),
    index('deliveries_queue_idx').on(t.nextAttemptAt).where(sql`${t.state} = 'pending'`),
    index('deliveries_destination_idx').on(t.destinationId, t.state, t.createdAt),
  ],
);

export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    destinationId: uuid('destination_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    requestHeaders: jsonb('request_headers').$type<Record<string, string>>().notNull(),
    status: integer('status'),
    latencyMs: integer('latency_ms').notNull(),
    response: text('response'),
    error: text('error'),
  },
  (t) => [
    index('delivery_attempts_destination_idx').on(t.destinationId, t.at),
    index('delivery_attempts_delivery_idx').on(t.deliveryId),
  ],
);

/** The built-in test endpoint's inbox: the requests it received (the newest 100 are kept). */
export const testEndpointRequests = pgTable(
  'test_endpoint_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => destinations.id, { onDelete: 'cascade' }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    body: text('body').notNull(),
  },
  (t) => [index('test_endpoint_requests_destination_idx').on(t.destinationId, t.id)],
);

/** A LoRa network server that posts uplinks to us (ThingPark or ChirpStack). */
export const loraIntegrations = pgTable('lora_integrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  customerId: uuid('customer_id')
    .notNull()
    .references(() => customers.id, { onDelete: 'cascade' }),
  kind: text('kind', { enum: ['thingpark', 'chirpstack'] }).notNull(),
  name: text('name').notNull(),
  // ThingPark's AS key (tunnel-interface token) or the bearer secret the network server sends.
  secret: text('secret').notNull(),
  ...timestamps,
});
