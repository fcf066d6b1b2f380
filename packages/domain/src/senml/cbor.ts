/**
 * A small, strict CBOR decoder (RFC 8949) for device payloads such as ThingsML for LoRa. Devices are
 * untrusted, so every read is bounds-checked, lengths are checked against the bytes left before anything
 * is allocated, nesting is limited, and whatever it does not support is an error with the byte offset —
 * never a guess. Not supported: indefinite-length items (constrained encoders like the ThingsML library
 * always know their lengths) and simple values other than false/true/null/undefined.
 */

export type CborKey = number | bigint | string;
export type CborValue =
  | number
  | bigint
  | string
  | boolean
  | null
  | undefined
  | Uint8Array
  | CborValue[]
  | Map<CborKey, CborValue>
  | CborTagged;

/** A tagged item (major type 6): the tag number and the item it wraps, left uninterpreted. */
export class CborTagged {
  constructor(
    readonly tag: number | bigint,
    readonly value: CborValue,
  ) {}
}

export class CborError extends Error {
  /** Byte offset in the input where decoding stopped. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`CBOR: ${message} (at byte ${offset})`);
    this.name = 'CborError';
    this.offset = offset;
  }
}

export interface CborOptions {
  /** Deepest nesting of arrays, maps and tags accepted; guards the stack against hostile input. */
  maxDepth?: number;
}

const DEFAULT_MAX_DEPTH = 32;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes exactly one CBOR item that spans the whole input. */
export function decodeCbor(bytes: Uint8Array, options: CborOptions = {}): CborValue {
  const reader = new Reader(bytes, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  if (bytes.length === 0) throw new CborError('the input is empty', 0);
  const value = reader.item(0);
  if (reader.pos !== bytes.length) {
    throw new CborError(`${bytes.length - reader.pos} byte(s) follow the first item`, reader.pos);
  }
  return value;
}

class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(count: number, what: string): void {
    if (count > this.bytes.length - this.pos) {
      throw new CborError(
        `${what} needs ${count} byte(s) but only ${this.bytes.length - this.pos} remain`,
        this.pos,
      );
    }
  }

  /** The argument of an initial byte (RFC 8949 §3): a number when it is a safe integer, else a bigint. */
  private argument(info: number, start: number): number | bigint {
    if (info < 24) return info;
    if (info === 24) {
      this.need(1, 'a 1-byte argument');
      return this.bytes[this.pos++]!;
    }
    if (info === 25) {
      this.need(2, 'a 2-byte argument');
      const value = this.view.getUint16(this.pos);
      this.pos += 2;
      return value;
    }
    if (info === 26) {
      this.need(4, 'a 4-byte argument');
      const value = this.view.getUint32(this.pos);
      this.pos += 4;
      return value;
    }
    if (info === 27) {
      this.need(8, 'an 8-byte argument');
      const value = this.view.getBigUint64(this.pos);
      this.pos += 8;
      return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    }
    if (info === 31) throw new CborError('indefinite-length items are not supported', start);
    throw new CborError(`additional information ${info} is reserved`, start);
  }

  /** A length or count, which must also fit in what is left of the input (one byte per item at least). */
  private length(info: number, start: number, what: string): number {
    const length = this.argument(info, start);
    if (typeof length === 'bigint' || length > this.bytes.length - this.pos) {
      throw new CborError(`${what} of length ${length} runs past the end of the input`, start);
    }
    return length;
  }

  item(depth: number): CborValue {
    const start = this.pos;
    this.need(1, 'an item');
    const initial = this.bytes[this.pos++]!;
    const major = initial >> 5;
    const info = initial & 0x1f;
    switch (major) {
      case 0:
        return this.argument(info, start);
      case 1: {
        const n = this.argument(info, start);
        // -1 - n; stays a number only while the result is a safe integer.
        if (typeof n === 'number' && n < Number.MAX_SAFE_INTEGER) return -1 - n;
        return -1n - BigInt(n);
      }
      case 2: {
        const length = this.length(info, start, 'a byte string');
        const value = this.bytes.slice(this.pos, this.pos + length);
        this.pos += length;
        return value;
      }
      case 3: {
        const length = this.length(info, start, 'a text string');
        const raw = this.bytes.subarray(this.pos, this.pos + length);
        this.pos += length;
        try {
          return utf8.decode(raw);
        } catch {
          throw new CborError('a text string is not valid UTF-8', start);
        }
      }
      case 4: {
        const count = this.length(info, start, 'an array');
        this.enter(depth, start);
        const items: CborValue[] = [];
        for (let i = 0; i < count; i++) items.push(this.item(depth + 1));
        return items;
      }
      case 5:
        return this.map(info, start, depth);
      case 6: {
        const tag = this.argument(info, start);
        this.enter(depth, start);
        return new CborTagged(tag, this.item(depth + 1));
      }
      default:
        return this.simple(info, start);
    }
  }

  private enter(depth: number, start: number): void {
    if (depth >= this.maxDepth) throw new CborError(`nesting deeper than ${this.maxDepth} levels`, start);
  }

  private map(info: number, start: number, depth: number): Map<CborKey, CborValue> {
    // Each entry takes two bytes at least, so a count above half the remaining bytes cannot be honest.
    const count = this.length(info, start, 'a map');
    if (count * 2 > this.bytes.length - this.pos) {
      throw new CborError(`a map of ${count} entries runs past the end of the input`, start);
    }
    this.enter(depth, start);
    const map = new Map<CborKey, CborValue>();
    for (let i = 0; i < count; i++) {
      const keyAt = this.pos;
      const key = this.item(depth + 1);
      if (typeof key !== 'number' && typeof key !== 'bigint' && typeof key !== 'string') {
        throw new CborError('map keys must be integers or text strings', keyAt);
      }
      if (map.has(key)) throw new CborError(`map key ${JSON.stringify(String(key))} appears twice`, keyAt);
      map.set(key, this.item(depth + 1));
    }
    return map;
  }

  private simple(info: number, start: number): CborValue {
    switch (info) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 25: {
        this.need(2, 'a half-precision float');
        const value = halfToNumber(this.view.getUint16(this.pos));
        this.pos += 2;
        return value;
      }
      case 26: {
        this.need(4, 'a single-precision float');
        const value = this.view.getFloat32(this.pos);
        this.pos += 4;
        return value;
      }
      case 27: {
        this.need(8, 'a double-precision float');
        const value = this.view.getFloat64(this.pos);
        this.pos += 8;
        return value;
      }
      case 31:
        throw new CborError('a "break" stop code outside an indefinite-length item', start);
      default:
        if (info >= 28) throw new CborError(`additional information ${info} is reserved`, start);
        throw new CborError(
          `simple value ${info === 24 ? (this.bytes[this.pos] ?? '?') : info} is not supported`,
          start,
        );
    }
  }
}

/** IEEE 754 binary16 (RFC 8949 Appendix D), which JavaScript's DataView cannot read before ES2025. */
function halfToNumber(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 31) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
