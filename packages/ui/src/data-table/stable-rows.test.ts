import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sameJson, useStableRows } from './stable-rows.ts';

interface Device {
  id: string;
  name: string;
  flows: string[];
  type: { id: string; managed: boolean };
}

const device = (id: string, name = `Device ${id}`): Device => ({
  id,
  name,
  flows: ['Fleet'],
  type: { id: 't1', managed: false },
});

describe('sameJson', () => {
  it('compares JSON-like values deeply', () => {
    expect(sameJson(device('a'), device('a'))).toBe(true);
    expect(sameJson(device('a'), device('a', 'Other'))).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(true);
  });
});

describe('useStableRows', () => {
  const getId = (d: Device) => d.id;

  it('keeps the identity of rows whose content did not change, by id', () => {
    const first = [device('a'), device('b')];
    const { result, rerender } = renderHook(({ rows }) => useStableRows(rows, getId), {
      initialProps: { rows: first as readonly Device[] | undefined },
    });
    expect(result.current).toEqual(first);
    // A larger page: the same two devices as new objects, one changed, one new.
    const next = [device('a'), device('b', 'Renamed'), device('c')];
    rerender({ rows: next });
    expect(result.current?.[0]).toBe(first[0]);
    expect(result.current?.[1]).toBe(next[1]);
    expect(result.current?.[2]).toBe(next[2]);
    expect(result.current?.map((d) => d.name)).toEqual(['Device a', 'Renamed', 'Device c']);
  });

  it('answers with the same array for the same input, and passes undefined through', () => {
    const rows = [device('a')];
    const { result, rerender } = renderHook(({ rows }) => useStableRows(rows, getId), {
      initialProps: { rows: rows as readonly Device[] | undefined },
    });
    const before = result.current;
    rerender({ rows });
    expect(result.current).toBe(before);
    rerender({ rows: undefined });
    expect(result.current).toBeUndefined();
    // After a loading state, rows seen before still keep their identity.
    rerender({ rows: [device('a')] });
    expect(result.current?.[0]).toBe(rows[0]);
  });
});
