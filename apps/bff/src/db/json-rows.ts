import { type AnyColumn, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/**
 * Rows sent as one JSON parameter and unpacked by `json_to_recordset`, for the pipeline's hot
 * multi-row writes: building a 500-row VALUES list costs drizzle ~20 µs per row (one bound parameter
 * per cell); this costs one `JSON.stringify`, and has no parameter limit. Dates travel as ISO strings.
 */
export function jsonRecordset(alias: string, types: Record<string, string>, rows: object[]): SQL {
  const record = sql.join(
    Object.entries(types).map(([name, type]) => sql`${sql.identifier(name)} ${sql.raw(type)}`),
    sql`, `,
  );
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as ${sql.identifier(alias)}(${record})`;
}

/**
 * The column list and rows of a multi-row INSERT through `jsonRecordset`:
 * `insert into t ${jsonRows(t, rows)} on conflict …`. The columns are those any row sets; a row that
 * leaves one out writes NULL there (not the column default). Byte arrays travel as hex, JSON columns
 * as JSON.
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
  const types = Object.fromEntries(defs.map((d) => [d.name, d.bytes ? 'text' : d.type]));
  return sql`(${names}) select ${selected} from ${jsonRecordset('x', types, data)}`;
}

/**
 * `column IN (the values)` with one JSON parameter: the statement's text is the same however many
 * values there are, so the driver prepares it once (drizzle's `inArray` makes a new text — and a new
 * prepare round trip — for every list length). Written `= any(array(…))`, so the plan looks each value
 * up in the column's index: a prepared plan made while the table was small keeps no full scan (a
 * semi-join) as it grows.
 */
export function inJson(column: AnyColumn | SQL, values: readonly string[], type = 'uuid'): SQL {
  return sql`${column} = any(array(select v::${sql.raw(type)} from jsonb_array_elements_text(${JSON.stringify(values)}::jsonb) as v))`;
}
