import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  encodeCursor,
  INVALID_CURSOR,
  listQuerySchema,
  parseSort,
  sortValueFits,
} from './list.ts';
import { TIMESTAMP_RANGE_MESSAGE } from './time.ts';

describe('parseSort', () => {
  it('reads a comma list with - for descending', () => {
    expect(parseSort('createdAt,-name', ['name', 'createdAt'])).toEqual({
      ok: true,
      keys: [
        { field: 'createdAt', desc: false },
        { field: 'name', desc: true },
      ],
    });
  });

  it('reports unknown and repeated fields', () => {
    expect(parseSort('password', ['name'])).toEqual({
      ok: false,
      message: 'Unknown sort field "password". Allowed: name',
    });
    expect(parseSort('name,-name', ['name'])).toMatchObject({ ok: false });
  });
});

describe('cursors', () => {
  it('round-trip through an opaque URL-safe string, unicode included', () => {
    const cursor = {
      sort: '-name',
      dir: 'next' as const,
      values: ['Zoë ✓', '2026-01-01 00:00:00+00', 'a-b'],
    };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it('rejects tampered or foreign strings', () => {
    for (const bad of [
      '',
      '!!!',
      'abc',
      btoa('{"x":1}'),
      encodeCursor({ sort: 's', dir: 'prev', values: [] }).slice(0, -3),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(decodeCursor(btoa(JSON.stringify(['s', 1, [{}]])).replace(/=+$/, ''))).toBeNull();
  });

  it('carry only text, and only text a column can hold', () => {
    for (const values of [[1], [true], [null], ['a\u0000'], ['\ud800']]) {
      const text = encodeCursor({ sort: 's', dir: 'next', values: values as string[] });
      expect(decodeCursor(text), JSON.stringify(values)).toBeNull();
    }
  });
});

describe('sortValueFits', () => {
  it('reads each key back as its column type, as PostgreSQL would', () => {
    const fits: [Parameters<typeof sortValueFits>[0], string][] = [
      ['text', 'Zoë ✓'],
      ['uuid', '0b8a1f4e-3c2d-4e5f-8a9b-1c2d3e4f5a6b'],
      ['bigint', '-9223372036854775808'],
      ['numeric', '12.50'],
      ['timestamptz', '2026-01-31 12:00:00.123456+00'],
      ['timestamptz', '2024-02-29 23:59:59+05:30'],
      ['timestamptz', '0001-01-01 00:00:00+00:19:32'],
      ['timestamptz', '-infinity'],
    ];
    for (const [type, value] of fits) expect(sortValueFits(type, value), `${type} ${value}`).toBe(true);
    const misfits: [Parameters<typeof sortValueFits>[0], string][] = [
      ['text', 'a\u0000'],
      ['uuid', 'not-a-uuid'],
      ['bigint', '9223372036854775808'],
      ['bigint', '1.5'],
      ['numeric', '1e5'],
      ['timestamptz', 'yesterday'],
      ['timestamptz', '2026-01-31T12:00:00Z'],
      ['timestamptz', '0000-01-01 00:00:00+00'],
      ['timestamptz', '2026-02-30 00:00:00+00'],
      ['timestamptz', '2025-02-29 00:00:00+00'],
      ['timestamptz', '2026-01-31 24:00:00+00'],
    ];
    for (const [type, value] of misfits) expect(sortValueFits(type, value), `${type} ${value}`).toBe(false);
  });
});

describe('listQuerySchema', () => {
  const schema = listQuerySchema(['name', 'createdAt'], 'name');

  it('applies defaults', () => {
    expect(schema.parse({})).toMatchObject({ limit: 50, sort: [{ field: 'name', desc: false }] });
  });

  it('coerces and validates query strings', () => {
    const parsed = schema.parse({
      limit: '500',
      createdSince: '2026-01-31T12:00:00Z',
      includeTotal: 'true',
      q: ' x ',
    });
    expect(parsed.limit).toBe(500);
    expect(parsed.createdSince).toEqual(new Date('2026-01-31T12:00:00Z'));
    expect(parsed.includeTotal).toBe(true);
    expect(parsed.q).toBe('x');
    const bad = schema.safeParse({
      limit: '501',
      sort: 'nope',
      cursor: '%%%',
      includeTotal: 'yes',
      projectId: '1',
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(['cursor', 'includeTotal', 'limit', 'projectId', 'sort']);
    expect(bad.error!.issues.find((i) => i.path[0] === 'cursor')?.message).toBe(INVALID_CURSOR);
  });

  it('takes dates from the year 1 to 9999 only: what PostgreSQL and JavaScript both hold', () => {
    expect(schema.parse({ createdSince: '0001-01-01T00:00:00Z' }).createdSince?.toISOString()).toBe(
      '0001-01-01T00:00:00.000Z',
    );
    expect(schema.parse({ createdBefore: '9999-12-31T23:59:59.999Z' }).createdBefore).toBeInstanceOf(Date);
    for (const value of ['0000-01-01T00:00:00Z', '0001-01-01T00:30:00+01:00', '9999-12-31T23:59:59-01:00']) {
      const result = schema.safeParse({ modifiedSince: value });
      expect(
        result.error?.issues.map((i) => i.message),
        value,
      ).toEqual([TIMESTAMP_RANGE_MESSAGE]);
    }
  });

  it('refuses a search text the database cannot hold', () => {
    expect(schema.safeParse({ q: 'boiler\u0000' }).success).toBe(false);
  });
});
