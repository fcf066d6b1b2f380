import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, listQuerySchema, parseSort } from './list.ts';

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
  });
});
