import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * The column list and rows of a multi-row INSERT, sent as one JSON parameter and unpacked by
 * `json_to_recordset`: `insert into t ${jsonRows(t, rows)} on conflict …`. Building a 500-row
 * VALUES list costs drizzle ~20 µs per row (one bound parameter per cell); this costs one
 * `JSON.stringify`. For the pipeline's hot writes. The columns are those any row sets; a row that
 * leaves one out writes NULL there (not the column default). Dates travel as ISO strings, byte arrays
 * as hex, JSON columns as JSON.
 */
export function jsonRows<T extends PgTable>(table: T, rows: T['$inferInsert'][]): SQL {
  const columns = getTableColumns(table);
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((k) => k in columns);
  const defs = keys.map((k) => {
    const column = columns[k]!;
    const type = column.getSQLType();
    return { key: k, name: column.name, type, bytes: type === 'bytea' };
  });
  const data = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const d of defs) {
      const value = (row as Record<string, unknown>)[d.key];
      out[d.name] = d.bytes && value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value;
    }
    return out;
  });
  const names = sql.join(
    defs.map((d) => sql.identifier(d.name)),
    sql`, `,
  );
  const selected = sql.join(
    defs.map((d) =>
      d.bytes ? sql`decode(x.${sql.identifier(d.name)}, 'hex')` : sql`x.${sql.identifier(d.name)}`,
    ),
    sql`, `,
  );
  const record = sql.join(
    defs.map((d) => sql`${sql.identifier(d.name)} ${sql.raw(d.bytes ? 'text' : d.type)}`),
    sql`, `,
  );
  return sql`(${names}) select ${selected} from json_to_recordset(${JSON.stringify(data)}::json) as x(${record})`;
}
