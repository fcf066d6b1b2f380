import {
  type Cursor,
  DomainError,
  encodeCursor,
  formatSort,
  INVALID_CURSOR,
  type ListQuery,
  type SortKey,
  type SortValueType,
  sortValueFits,
} from '@openthings/domain';
import { type AnyColumn, and, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';

/**
 * A sortable column: an expression that is never NULL (coalesce nullable columns — a NULL breaks the
 * keyset comparison) and the type its text form casts back to.
 */
export interface SortColumn {
  expr: SQL | AnyColumn;
  type: SortValueType;
}

export interface KeysetPage<Row> {
  data: Row[];
  next: string | null;
  prev: string | null;
}

function typed(value: string, type: SortValueType): SQL {
  return sql`${value}::${sql.raw(type)}`;
}

/**
 * Keyset ("seek") pagination for any sort: rows after/before the cursor's key, ordered by the sort keys
 * plus the id as tiebreaker. Each page costs one index range scan, however deep it is.
 */
export function keyset<F extends string>(spec: {
  columns: Record<F | 'id', SortColumn>;
  sort: SortKey<F>[];
  cursor: Cursor | undefined;
  limit: number;
}) {
  const { columns, sort, cursor, limit } = spec;
  const last = sort.at(-1);
  const keys = [
    ...sort.map((k) => ({ ...columns[k.field], desc: k.desc })),
    { ...columns.id, desc: last?.desc ?? false },
  ];
  const sortString = formatSort(sort);
  if (cursor && (cursor.sort !== sortString || cursor.values.length !== keys.length)) {
    throw new DomainError(
      'request.invalid',
      {},
      {
        'query.cursor': ['This cursor belongs to another sort order; start again from the first page'],
      },
    );
  }
  // Each key must read back as its column's type: a crafted value is the client's error, not the database's.
  if (cursor && !cursor.values.every((value, i) => sortValueFits(keys[i]!.type, value))) {
    throw new DomainError(
      'request.invalid',
      { detail: 'Invalid cursor' },
      { 'query.cursor': [INVALID_CURSOR] },
    );
  }
  const backward = cursor?.dir === 'prev';
  const orderBy = keys.map((k) => (k.desc !== backward ? sql`${k.expr} desc` : sql`${k.expr} asc`));

  let where: SQL | undefined;
  if (cursor) {
    const values = cursor.values;
    const uniform = keys.every((k) => k.desc === keys[0]!.desc);
    if (uniform) {
      // One row comparison lets PostgreSQL use a composite index for the range.
      const op = keys[0]!.desc !== backward ? sql`<` : sql`>`;
      where = sql`(${sql.join(
        keys.map((k) => k.expr),
        sql`, `,
      )}) ${op} (${sql.join(
        keys.map((k, i) => typed(values[i]!, k.type)),
        sql`, `,
      )})`;
    } else {
      const branches = keys.map((k, i) => {
        const equal = keys.slice(0, i).map((p, j) => sql`${p.expr} = ${typed(values[j]!, p.type)}`);
        const op = k.desc !== backward ? sql`<` : sql`>`;
        return and(...equal, sql`${k.expr} ${op} ${typed(values[i]!, k.type)}`)!;
      });
      where = or(...branches);
    }
  }

  const keyValues = sql<string[]>`array[${sql.join(
    keys.map((k) => sql`(${k.expr})::text`),
    sql`, `,
  )}]`;

  return {
    where,
    orderBy,
    /** Fetch one row more than the page to know whether another page follows. */
    fetch: limit + 1,
    /** Select this as `_key`; `page()` turns it into cursors. */
    keyValues,
    page<Row extends { _key: string[] }>(rows: Row[]): KeysetPage<Omit<Row, '_key'>> {
      return keysetPage(rows, { sort: sortString, cursor, limit });
    },
  };
}

/**
 * The page of `rows` fetched with a keyset query (`limit + 1` of them, `_key` selected): the rows in
 * the sort's order and the cursors of the pages before and after it. `sort` is the formatted sort.
 */
export function keysetPage<Row extends { _key: string[] }>(
  rows: Row[],
  spec: { sort: string; cursor: Cursor | undefined; limit: number },
): KeysetPage<Omit<Row, '_key'>> {
  const { sort, cursor, limit } = spec;
  const backward = cursor?.dir === 'prev';
  const hasMore = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  if (backward) pageRows.reverse();
  const first = pageRows[0];
  const lastRow = pageRows.at(-1);
  const next =
    lastRow && (backward || hasMore) ? encodeCursor({ sort, dir: 'next', values: lastRow._key }) : null;
  const prev =
    first && (backward ? hasMore : cursor !== undefined)
      ? encodeCursor({ sort, dir: 'prev', values: first._key })
      : null;
  return { data: pageRows.map(({ _key, ...row }) => row), next, prev };
}

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The filters every list shares (PRODUCT §10): q, projectId, created/modified before/since. */
export function commonFilters(
  query: Pick<
    ListQuery,
    'q' | 'projectId' | 'createdBefore' | 'createdSince' | 'modifiedBefore' | 'modifiedSince'
  >,
  cols: {
    name?: AnyColumn;
    description?: AnyColumn;
    projectId?: AnyColumn;
    createdAt: AnyColumn;
    modifiedAt: AnyColumn;
  },
): (SQL | undefined)[] {
  const out: (SQL | undefined)[] = [];
  if (query.q) {
    const pattern = likePattern(query.q);
    out.push(
      or(...[cols.name, cols.description].filter((c) => c !== undefined).map((c) => ilike(c, pattern))),
    );
  }
  if (query.projectId && cols.projectId) out.push(sql`${cols.projectId} = ${query.projectId}`);
  if (query.createdBefore) out.push(lt(cols.createdAt, query.createdBefore));
  if (query.createdSince) out.push(gte(cols.createdAt, query.createdSince));
  if (query.modifiedBefore) out.push(lt(cols.modifiedAt, query.modifiedBefore));
  if (query.modifiedSince) out.push(gte(cols.modifiedAt, query.modifiedSince));
  return out;
}
