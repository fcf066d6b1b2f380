import { asc, eq, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { customers } from '../../db/schema/index.ts';

/** The customer itself and the customers it resells to. */
export async function listAccessibleCustomers(db: Db, customerId: string) {
  return db
    .select({
      id: customers.id,
      name: customers.name,
      isReseller: customers.isReseller,
      resellerId: customers.resellerId,
      createdAt: customers.createdAt,
    })
    .from(customers)
    .where(or(eq(customers.id, customerId), eq(customers.resellerId, customerId)))
    .orderBy(asc(customers.name));
}

export async function insertCustomer(db: Db | Tx, row: typeof customers.$inferInsert) {
  const [created] = await db.insert(customers).values(row).returning({ id: customers.id });
  return created!.id;
}
