/**
 * What the platform can store. PostgreSQL text and jsonb cannot hold U+0000, jsonb refuses a lone UTF-16
 * surrogate (`"\ud800"` is valid JSON text but no Unicode string), JSON has no Infinity, and a time must
 * fit a `timestamptz` and a JavaScript Date alike. Anything a connector accepts is checked against these
 * rules first, so that an accepted message can always be written — one that cannot would fail every batch
 * it is part of.
 */

/** Times are stored from 0001-01-01 to 9999-12-31 (UTC): every ISO 8601 date with a four-digit year. */
export const STORABLE_TIME_MIN = -62_135_596_800;
export const STORABLE_TIME_MAX = 253_402_300_799;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null. */
export function textProblem(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not a Unicode character)';
  return null;
}

/** Why a time in Unix seconds cannot be stored, or null. */
export function timeProblem(seconds: number): string | null {
  if (!Number.isFinite(seconds)) return 'is not a finite number';
  if (seconds < STORABLE_TIME_MIN || seconds > STORABLE_TIME_MAX)
    return `${seconds} s is outside the years 1 to 9999`;
  return null;
}

export interface JsonLimits {
  /** Deepest nesting of arrays and objects (the value itself is depth 0). */
  maxDepth: number;
  /** Most strings, numbers, booleans, nulls, keys and containers in all. */
  maxNodes: number;
}

/**
 * Why a parsed JSON value cannot be stored, with the path to the first offending part (`$.rxInfo[0].
 * gatewayId`), or null. Walks iteratively, so a hostile nesting depth cannot overflow the stack.
 */
export function jsonProblem(value: unknown, limits: JsonLimits): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '$', depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (++nodes > limits.maxNodes) return `has more than ${limits.maxNodes} values`;
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return `${item.path} ${problem}`;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${item.path} is not a finite number`;
    } else if (v !== null && typeof v === 'object') {
      if (item.depth >= limits.maxDepth)
        return `${item.path} is nested deeper than ${limits.maxDepth} levels`;
      if (Array.isArray(v)) {
        for (const [i, child] of v.entries())
          stack.push({ value: child, path: `${item.path}[${i}]`, depth: item.depth + 1 });
      } else {
        for (const [key, child] of Object.entries(v)) {
          const problem = textProblem(key);
          if (problem) return `${item.path} has a key that ${problem}`;
          stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
        }
      }
    } else if (typeof v !== 'boolean' && v !== null && v !== undefined) {
      return `${item.path} is not a JSON value`;
    }
  }
  return null;
}
