import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import type { Db } from './client.ts';
import { StatementCache } from './prepared.ts';
import { customers } from './schema/index.ts';

let t: TestApp;
let customerId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ customerId } = await t.customer('Prepared'));
});
afterAll(() => t.close());

/** A statement that tells whether it runs as a named prepared statement of its connection. */
function probe(db: Db, label: string) {
  return db
    .select({
      name: customers.name,
      label: sql<string>`${label}::text`,
      prepared: sql<boolean>`exists (select 1 from pg_prepared_statements where statement = current_query())`,
    })
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare('probe');
}

describe('StatementCache', () => {
  it('builds a statement once per shape and runs it with new values', async () => {
    const cache = new StatementCache<ReturnType<typeof probe>>(4);
    let built = 0;
    const get = (shape: string) =>
      cache.get(t.deps.db, shape, (db) => {
        built++;
        return probe(db, shape);
      })!;
    expect(get('a')).toBe(get('a'));
    expect(built).toBe(1);
    const [row] = await get('a').execute({ id: customerId });
    expect(row).toMatchObject({ name: 'Prepared', label: 'a' });
    expect(await get('a').execute({ id: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
  });

  it('runs them as prepared statements on PostgreSQL: one round trip, planned once per connection', async () => {
    if (t.deps.database.driver !== 'postgres') return;
    const statement = new StatementCache<ReturnType<typeof probe>>().get(t.deps.db, 'p', (db) =>
      probe(db, 'p'),
    )!;
    for (let i = 0; i < 6; i++) {
      const [row] = await statement.execute({ id: customerId });
      expect(row!.prepared).toBe(true);
    }
  });

  it('prepares ordinary queries too, in and out of transactions (db/client.ts)', async () => {
    if (t.deps.database.driver !== 'postgres') return;
    const ordinary = (db: Pick<Db, 'select'>) =>
      db
        .select({
          prepared: sql<boolean>`exists (select 1 from pg_prepared_statements where statement = current_query())`,
        })
        .from(customers)
        .where(eq(customers.id, customerId));
    // The first run on a connection prepares it; every connection of the pool may be the one asked.
    for (let i = 0; i < 12; i++) await ordinary(t.deps.db);
    const [plain] = await ordinary(t.deps.db);
    expect(plain!.prepared).toBe(true);
    const inTransaction = await t.deps.db.transaction(async (tx) => {
      await ordinary(tx);
      return (await ordinary(tx))[0]!.prepared;
    });
    expect(inTransaction).toBe(true);
  });

  it('keeps at most `max` shapes and none for a transaction, whose connection is another', async () => {
    const cache = new StatementCache<ReturnType<typeof probe>>(2);
    expect(cache.get(t.deps.db, 'a', (db) => probe(db, 'a'))).toBeDefined();
    expect(cache.get(t.deps.db, 'b', (db) => probe(db, 'b'))).toBeDefined();
    expect(cache.get(t.deps.db, 'c', (db) => probe(db, 'c'))).toBeUndefined();
    expect(cache.get(t.deps.db, 'a', (db) => probe(db, 'a'))).toBeDefined();
    await t.deps.db.transaction(async (tx) => {
      expect(cache.get(tx, 'a', (db) => probe(db, 'a'))).toBeUndefined();
    });
  });
});
