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

/** A table's insert shape for one set of row keys: the SQL around the JSON, made once. */
interface Shape {
  head: string;
  tail: string;
  /** Keys of byte-array columns (they travel as hex). */
  bytes: string[];
}
const shapes = new WeakMap<PgTable, Map<string, Shape>>();
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function shapeOf(table: PgTable, keys: string[]): Shape {
  let byKeys = shapes.get(table);
  if (!byKeys) {
    byKeys = new Map();
    shapes.set(table, byKeys);
  }
  const signature = keys.join(',');
  let shape = byKeys.get(signature);
  if (!shape) {
    const columns = getTableColumns(table);
    const defs = keys.map((key) => {
      const type = columns[key]!.getSQLType();
      return { key, name: columns[key]!.name, type, bytes: type === 'bytea' };
    });
    // The recordset's fields are the rows' own keys, so the rows travel as they are.
    const selected = defs.map((d) => (d.bytes ? `decode(x.${quote(d.key)}, 'hex')` : `x.${quote(d.key)}`));
    shape = {
      head: `(${defs.map((d) => quote(d.name)).join(', ')}) select ${selected.join(', ')} from json_to_recordset(`,
      tail: `::json) as "x"(${defs.map((d) => `${quote(d.key)} ${d.bytes ? 'text' : d.type}`).join(', ')})`,
      bytes: defs.filter((d) => d.bytes).map((d) => d.key),
    };
    if (byKeys.size < 100) byKeys.set(signature, shape);
  }
  return shape;
}

/**
 * The column list and rows of a multi-row INSERT through `json_to_recordset`:
 * `insert into t ${jsonRows(t, rows)} on conflict …` (the recordset is aliased `x`, its fields named
 * by the rows' keys). The columns are those any row sets; a row that leaves one out writes NULL there
 * (not the column default). Byte arrays travel as hex, JSON columns as JSON. The SQL around the rows
 * is made once per table and set of keys: the pipeline's hot writes cost one `JSON.stringify`.
 */
export function jsonRows<T extends PgTable>(table: T, rows: T['$inferInsert'][]): SQL {
  const columns = getTableColumns(table);
  const seen = new Set<string>();
  for (const row of rows) for (const key in row) seen.add(key);
  const keys = [...seen].filter((k) => k in columns).sort();
  const shape = shapeOf(table, keys);
  const data = shape.bytes.length
    ? rows.map((row) => {
        const out: Record<string, unknown> = { ...row };
        for (const key of shape.bytes) {
          const value = out[key];
          if (value instanceof Uint8Array) out[key] = Buffer.from(value).toString('hex');
        }
        return out;
      })
    : rows;
  return sql`${sql.raw(shape.head)}${JSON.stringify(data)}${sql.raw(shape.tail)}`;
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
