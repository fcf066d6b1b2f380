import { z } from 'zod';
import { textProblem } from './storable.ts';
import { storedText } from './text.ts';
import { TimestampQuery } from './time.ts';

/** A page never holds more than this many rows; tables pick 10–500. */
export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

export interface SortKey<F extends string = string> {
  field: F;
  desc: boolean;
}

/** Parses `createdAt,-name` into sort keys; unknown or repeated fields are reported, not ignored. */
export function parseSort<F extends string>(
  value: string,
  allowed: readonly F[],
): { ok: true; keys: SortKey<F>[] } | { ok: false; message: string } {
  const keys: SortKey<F>[] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const desc = part.startsWith('-');
    const field = (desc || part.startsWith('+') ? part.slice(1) : part) as F;
    if (!allowed.includes(field)) {
      return { ok: false, message: `Unknown sort field "${field}". Allowed: ${allowed.join(', ')}` };
    }
    if (keys.some((k) => k.field === field)) {
      return { ok: false, message: `Sort field "${field}" is given twice` };
    }
    keys.push({ field, desc });
  }
  return { ok: true, keys };
}

export function formatSort(keys: readonly SortKey[]): string {
  return keys.map((k) => (k.desc ? `-${k.field}` : k.field)).join(',');
}

/**
 * Opaque cursor: the sort it belongs to, the direction, and the keyset values (sort values + id) of
 * the row it points past, each in the text form of its column. It is base64url so it survives any URL
 * unescaped.
 */
export interface Cursor {
  sort: string;
  dir: 'next' | 'prev';
  values: string[];
}

export const INVALID_CURSOR = 'The cursor is not valid; start again from the first page';

/** The column types a list sorts by; a cursor's value of each must read back as that type. */
export type SortValueType = 'text' | 'timestamptz' | 'bigint' | 'uuid' | 'numeric';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT8_MAX = 9223372036854775807n;
/** PostgreSQL's ISO output of a timestamptz (`2026-01-31 12:00:00.123+00`, `+05:30`, ` BC`). */
const TIMESTAMPTZ = /^(\d{4,6})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?[+-]\d\d(?::\d\d){0,2}( BC)?$/;

/**
 * Does `value` read back as a `type` in PostgreSQL? Checked before a cursor reaches SQL, where a value
 * of the wrong form would be an error of the database (a 500) instead of the client's (a 400).
 */
export function sortValueFits(type: SortValueType, value: string): boolean {
  switch (type) {
    case 'text':
      return textProblem(value) === null;
    case 'uuid':
      return UUID.test(value);
    case 'bigint':
      return /^-?\d{1,19}$/.test(value) && BigInt(value) <= INT8_MAX && BigInt(value) >= -INT8_MAX - 1n;
    case 'numeric':
      return value === 'NaN' || /^-?\d{1,100}(\.\d{1,100})?$/.test(value);
    case 'timestamptz': {
      if (value === 'infinity' || value === '-infinity') return true;
      const m = TIMESTAMPTZ.exec(value);
      if (!m) return false;
      const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as number[];
      const date = new Date(Date.UTC(2000, month! - 1, day!));
      return (
        year! > 0 &&
        month! >= 1 &&
        month! <= 12 &&
        date.getUTCDate() === day &&
        hour! < 24 &&
        minute! < 60 &&
        second! < 60 &&
        (month !== 2 || day !== 29 || isLeapYear(year!, m[8] !== undefined))
      );
    }
  }
}

/** Leap years of the proleptic Gregorian calendar PostgreSQL uses (1 BC is a leap year). */
function isLeapYear(year: number, bc: boolean): boolean {
  const y = bc ? 1 - year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(JSON.stringify([cursor.sort, cursor.dir === 'next' ? 1 : 0, cursor.values]));
}

export function decodeCursor(text: string): Cursor | null {
  const json = fromBase64Url(text);
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [sort, dir, values] = parsed as unknown[];
    if (typeof sort !== 'string' || (dir !== 0 && dir !== 1) || !Array.isArray(values)) return null;
    // The API only ever writes the text form of each key, and only text a column can hold.
    if (!values.every((v) => typeof v === 'string' && textProblem(v) === null)) return null;
    return { sort, dir: dir === 1 ? 'next' : 'prev', values };
  } catch {
    return null;
  }
}

/** `true` / `false` in a query string. */
export const booleanString = z
  .enum(['true', 'false'], { message: 'Use true or false' })
  .transform((v) => v === 'true');

/**
 * The query of every list endpoint (PRODUCT §10): cursor pagination, sorting, `q`, project and
 * created/modified filters, and `includeTotal` for tables. Resources extend it with their own filters.
 */
export function listQuerySchema<const F extends string>(sortFields: readonly F[], defaultSort: string) {
  return z.object({
    limit: z.coerce
      .number({ message: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`)
      .default(DEFAULT_PAGE_SIZE),
    cursor: z
      .string()
      .max(2000)
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        const cursor = decodeCursor(value);
        if (!cursor) {
          ctx.addIssue({ code: 'custom', message: INVALID_CURSOR });
          return z.NEVER;
        }
        return cursor;
      }),
    sort: z
      .string()
      .max(200)
      .default(defaultSort)
      .transform((value, ctx) => {
        const parsed = parseSort(value, sortFields);
        if (!parsed.ok) {
          ctx.addIssue({ code: 'custom', message: parsed.message });
          return z.NEVER;
        }
        return parsed.keys.length > 0
          ? parsed.keys
          : (parseSort(defaultSort, sortFields) as { keys: SortKey<F>[] }).keys;
      })
      .describe(`Comma-separated fields, \`-\` for descending. Fields: ${sortFields.join(', ')}`),
    q: storedText('The search text')
      .trim()
      .max(200)
      .optional()
      .describe('Case-insensitive partial match on name and description'),
    projectId: z.uuid({ message: 'projectId must be a uuid' }).optional(),
    createdBefore: TimestampQuery.optional(),
    createdSince: TimestampQuery.optional(),
    modifiedBefore: TimestampQuery.optional(),
    modifiedSince: TimestampQuery.optional(),
    includeTotal: booleanString.optional().describe('Adds meta.total (for tables); costs a count query'),
  });
}

export type ListQuery<F extends string = string> = z.output<ReturnType<typeof listQuerySchema<F>>>;

export const LinksSchema = z.object({
  next: z.string().nullable().describe('URL of the next page, or null on the last page'),
  prev: z.string().nullable().describe('URL of the previous page, or null on the first page'),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    links: LinksSchema,
    meta: z.object({ total: z.number().int().optional() }).optional(),
  });
}

export interface Page<T> {
  data: T[];
  links: { next: string | null; prev: string | null };
  meta?: { total?: number };
}

export const IdParamsSchema = z.object({ id: z.uuid({ message: 'The id must be a uuid' }) });
