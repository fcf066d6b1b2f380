/**
 * Lenient readers for network-server JSON. ThingPark's older XML-derived JSON sends every number as a
 * string ("-60.000000"), protobuf-JSON sends 64-bit integers as strings, and absent fields are normal,
 * so each reader returns undefined for "not there or not usable" and the caller decides what is required.
 */

export type Json = Record<string, unknown>;

export class LnsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LnsError';
  }
}

export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** An array; a lone object counts as an array of one (XML-to-JSON turns one-element lists into objects). */
export function list(value: unknown): Json[] {
  if (Array.isArray(value)) return value.map(obj).filter((v): v is Json => v !== undefined);
  const single = obj(value);
  return single ? [single] : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const NUMERIC = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** A finite number, from a JSON number or a numeric string. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

export function int(value: unknown): number | undefined {
  const n = num(value);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** ThingPark flags arrive as 0/1, "0"/"1" or booleans. */
export function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const n = num(value);
  return n === undefined ? undefined : n !== 0;
}

/** Drops undefined members so that the result compares and serialises cleanly. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|z|[+-]\d{2}:?\d{2})$/;

/**
 * ISO 8601 / RFC 3339 date-time to Unix seconds, keeping sub-millisecond digits (ChirpStack and TTS
 * send nanoseconds, which `Date.parse` does not promise to read). Undefined when it is not one.
 */
export function isoToSeconds(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    return undefined;
  }
  const whole = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s)) / 1000;
  let offset = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone![0] === '-' ? -1 : 1;
    const digits = zone!.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2)) * 60);
  }
  return whole - offset + (fraction ? Number(`0${fraction}`) : 0);
}

/** Normalises a DevEUI to 16 upper-case hex digits, or throws naming the field. */
export function devEuiFrom(value: unknown, field: string): string {
  const text = str(value)
    ?.replace(/[\s:-]/g, '')
    .toUpperCase();
  if (!text) throw new LnsError(`${field} is missing`);
  if (!/^[0-9A-F]{16}$/.test(text))
    throw new LnsError(`${field} must be 16 hex digits, got ${JSON.stringify(value)}`);
  return text;
}
