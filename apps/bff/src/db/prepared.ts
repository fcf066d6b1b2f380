import { is } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Db, Tx } from './client.ts';

/**
 * Statements of hot read paths, built once per shape with placeholders and run as prepared statements.
 *
 * Every statement is prepared on PostgreSQL (the client in `client.ts` sees to it: one round trip and
 * no fresh plan after the first use on a connection — on the projects list about 1.0 ms of PostgreSQL
 * CPU per call unprepared, 0.3 ms prepared). What a statement from here saves besides is drizzle
 * building the SQL on every call: it is built once in this process. On PGlite only that is saved.
 *
 * A prepared text stays on every connection for the connection's life, so the shapes are bounded:
 * past `max` shapes, `get` answers undefined and the caller builds its query the ordinary way. Only
 * the database itself is served — not a transaction, whose connection is another one.
 */
export class StatementCache<S> {
  readonly #byDb = new WeakMap<Db, Map<string, S>>();

  constructor(readonly max = 32) {}

  /** The statement for `shape` on `db`, built by `build` the first time; undefined when full. */
  get(db: Db | Tx, shape: string, build: (db: Db) => S): S | undefined {
    if (is(db, PgTransaction)) return undefined;
    let statements = this.#byDb.get(db);
    if (!statements) {
      statements = new Map();
      this.#byDb.set(db, statements);
    }
    let statement = statements.get(shape);
    if (statement === undefined) {
      if (statements.size >= this.max) return undefined;
      statement = build(db);
      statements.set(shape, statement);
    }
    return statement;
  }
}
