import { type AnyPgColumn, boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  modifiedAt: timestamp('modified_at', { withTimezone: true }).defaultNow().notNull(),
};

export { timestamps };

/** A customer owns everything; a reseller customer may act in its sub-customers. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    isReseller: boolean('is_reseller').notNull().default(false),
    resellerId: uuid('reseller_id').references((): AnyPgColumn => customers.id, { onDelete: 'restrict' }),
    ...timestamps,
  },
  (t) => [index('customers_reseller_idx').on(t.resellerId)],
);
