import { useRef } from 'react';

/** Deep equality of JSON-like values (what an API answers with): objects, arrays, primitives. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((value, i) => sameJson(value, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameJson(left[key], right[key]));
}

/**
 * The rows with the identity of the previous rows kept for every row (by id) whose content did not
 * change. A new page of a list arrives as new objects even where it repeats rows already on screen (100
 * rows instead of 50, a narrower search, a refetch): with their old identity, memoised rows skip them.
 */
export function useStableRows<T>(
  rows: readonly T[] | undefined,
  getId: (row: T) => string,
): readonly T[] | undefined {
  const previous = useRef<{
    input: readonly T[] | undefined;
    output: readonly T[] | undefined;
    byId: Map<string, T>;
  }>({
    input: undefined,
    output: undefined,
    byId: new Map(),
  });
  const last = previous.current;
  if (rows === last.input) return last.output;
  if (rows === undefined) {
    previous.current = { input: rows, output: rows, byId: last.byId };
    return rows;
  }
  const byId = new Map<string, T>();
  const output = rows.map((row) => {
    const id = getId(row);
    const before = last.byId.get(id);
    const kept = before !== undefined && sameJson(before, row) ? before : row;
    byId.set(id, kept);
    return kept;
  });
  previous.current = { input: rows, output, byId };
  return output;
}
