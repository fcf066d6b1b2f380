import type { ProjectLimits, Subscription } from '@openthings/domain';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { customers, timestamps } from './customers.ts';

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    subscription: text('subscription').$type<Subscription>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    limits: jsonb('limits').$type<ProjectLimits>().notNull(),
    ...timestamps,
  },
  (t) => [index('projects_customer_name_idx').on(t.customerId, sql`lower(${t.name})`, t.id)],
);

/**
 * Devices per project, in total and per network type of their device type, kept by triggers on
 * `devices` and `device_types` (migration 0006) so that reading a project's usage is one row
 * whatever its number of devices. A row per project, made with the project.
 */
export const projectDeviceCounts = pgTable('project_device_counts', {
  projectId: uuid('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  total: integer('total').notNull().default(0),
  lora: integer('lora').notNull().default(0),
  m2m: integer('m2m').notNull().default(0),
  internet: integer('internet').notNull().default(0),
});

/** Flows (API: device groups) link devices, decoders and destinations inside one project. */
export const flows = pgTable(
  'flows',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    ...timestamps,
  },
  (t) => [index('flows_project_idx').on(t.projectId), index('flows_customer_idx').on(t.customerId)],
);
