import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers, timestamps } from './customers.ts';
import { devices } from './devices.ts';
import { projects } from './projects.ts';

/** M2M SIM cards of a customer, as last synchronised with the carrier's control centre. */
export const sims = pgTable(
  'sims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
    iccid: text('iccid').notNull(),
    status: text('status').notNull(),
    communicationPlan: text('communication_plan').notNull(),
    ratePlan: text('rate_plan').notNull(),
    imei: text('imei'),
    deviceId: uuid('device_id').references(() => devices.id, { onDelete: 'set null' }),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }),
    usageBytes: bigint('usage_bytes', { mode: 'number' }).notNull().default(0),
    usageSms: integer('usage_sms').notNull().default(0),
    lastSyncAt: timestamp('last_sync_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('sims_iccid_key').on(t.iccid),
    index('sims_customer_iccid_idx').on(t.customerId, t.iccid),
    index('sims_customer_status_idx').on(t.customerId, t.status),
    index('sims_device_idx').on(t.deviceId),
  ],
);

/**
 * The built-in carrier simulator's own records — it stands in for an external control centre, so it
 * keeps its state apart from `sims`, which is our synchronised copy.
 */
export const simulatedCarrierSims = pgTable('simulated_carrier_sims', {
  iccid: text('iccid').primaryKey(),
  customerId: uuid('customer_id').notNull(),
  status: text('status').notNull(),
  communicationPlan: text('communication_plan').notNull(),
  ratePlan: text('rate_plan').notNull(),
  imei: text('imei'),
  usageBytes: bigint('usage_bytes', { mode: 'number' }).notNull().default(0),
  usageSms: integer('usage_sms').notNull().default(0),
  modifiedAt: timestamp('modified_at', { withTimezone: true }).defaultNow().notNull(),
});
