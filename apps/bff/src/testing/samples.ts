import type { z } from 'zod';

/**
 * Valid sample values of a request schema, generated from the schema itself, so that a test can send
 * every contract a body that passes validation and then vary one field. Hints give the values a schema
 * cannot describe (ids of real objects) by field name; every other string is the first candidate the
 * field's own schema accepts. One sample per alternative of a union (network adapter types…), each
 * other field at its first choice.
 */
export type Hints = Record<string, unknown>;

const STRINGS = [
  'Sample text',
  '0011223344556677',
  '00112233445566778899AABBCCDDEEFF',
  '357292748642776',
  '89310410106543789305',
  'sample@example.test',
  '2026-01-31T12:00:00Z',
  'Sample-Secret-0123456789-abcdefghijklmnop',
  'sample',
];
const NUMBERS = [1, 10, 100, 0, 0.5];

// biome-ignore lint/suspicious/noExplicitAny: zod's internal definition is not part of its public types
type Def = any;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

function leafString(schema: z.ZodType, key: string | undefined, hints: Hints): unknown[] {
  const hinted = key !== undefined && key in hints ? [hints[key]] : [];
  const first = [...hinted, crypto.randomUUID(), ...STRINGS].find((c) => accepts(schema, c));
  return first === undefined ? [] : [first];
}

/**
 * The alternatives of `schema`, at most a few: the first is the plainest. `whole` is the outermost
 * wrapper (optional, pipe…) of a leaf: candidates must pass it, transforms and refinements included.
 */
export function samples(schema: z.ZodType, hints: Hints = {}, key?: string, whole = schema): unknown[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return leafString(whole, key, hints);
    case 'number':
    case 'int': {
      const found = NUMBERS.find((n) => accepts(whole, n));
      return found === undefined ? [] : [found];
    }
    case 'boolean':
      return [false];
    case 'literal':
      return [def.values[0]];
    case 'enum':
      return key !== undefined && key in hints ? [hints[key]] : [Object.values(def.entries)[0]];
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return samples(def.innerType, hints, key, whole);
    case 'pipe':
      return samples(def.in, hints, key, whole);
    case 'lazy':
      return samples(def.getter(), hints, key, whole);
    case 'union':
      return (def.options as z.ZodType[]).flatMap((option) => samples(option, hints, key));
    case 'array': {
      const items = key !== undefined && key in hints ? [hints[key]] : samples(def.element, hints, key);
      return items.length ? [[items[0]]] : [[]];
    }
    case 'record': {
      const keys = samples(def.keyType, hints, key);
      const values = samples(def.valueType, hints, key);
      return keys.length && values.length ? [{ [String(keys[0])]: values[0] }] : [{}];
    }
    case 'object': {
      const fields = Object.entries(def.shape as Record<string, z.ZodType>).map(
        ([name, field]) => [name, samples(field, hints, name)] as const,
      );
      const base = Object.fromEntries(fields.filter(([, s]) => s.length).map(([n, s]) => [n, s[0]]));
      const variants = [base];
      for (const [name, alternatives] of fields) {
        for (const alternative of alternatives.slice(1)) variants.push({ ...base, [name]: alternative });
      }
      return variants.filter((v) => accepts(schema, v));
    }
    default:
      return [];
  }
}

/** A step into a JSON value: an array index, a property, or the name of a property itself. */
export type Step = string | number | { key: string };

/** Paths of every string in a JSON value, property names included (they are text as well). */
export function stringPaths(value: unknown, path: Step[] = []): Step[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      [...path, { key: k }],
      ...stringPaths(v, [...path, k]),
    ]);
  }
  return [];
}

/** A copy of `value` with the string (or property name) at `path` passed through `change`. */
export function withString(value: unknown, path: Step[], change: (text: string) => string): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value as string);
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withString(v, rest, change) : v));
  const object = value as Record<string, unknown>;
  if (typeof head === 'object') {
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k === head.key ? change(k) : k, v]));
  }
  return { ...object, [head]: withString(object[head], rest, change) };
}

/** `state.filters.{status}` for messages. */
export function pathName(path: Step[]): string {
  return path.map((step) => (typeof step === 'object' ? `{${step.key}}` : String(step))).join('.');
}
