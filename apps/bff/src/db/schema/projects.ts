import type { ProjectLimits, Subscription } from '@openthings/domain';
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
