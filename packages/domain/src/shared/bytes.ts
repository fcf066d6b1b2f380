/**
 * Byte helpers for the domain (decoders, SenML `vd`, signing). The domain may not use `Buffer` (it runs in
 * the browser too) and `atob` is lenient about whitespace, so these codecs are pure and strict: one text
 * means one byte string, and a bad character is reported with its position.
 */

/** base64url without padding: the form RFC 8428 §4.3 requires for SenML `vd`. */
export const BASE64URL_UNPADDED = /^[A-Za-z0-9_-]*$/;

const HEX = '0123456789abcdef';

/** Lower-case hex: bytes travel as hex at the edges. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

/**
 * Hex of either case to bytes. Whitespace between digits is dropped (people paste `01 02 03`);
 * anything else that is not a hex digit is an error naming the character and its position.
 */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> {
  const digits = hex.replace(/\s+/g, '');
  if (digits.length % 2 !== 0) throw new RangeError('Hex text has an odd number of digits');
  const bad = /[^0-9a-fA-F\s]/.exec(hex);
  if (bad) throw new RangeError(`Hex text holds an invalid character "${bad[0]}" at position ${bad.index}`);
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Both alphabets decode: LoRa network servers send standard base64, SenML `vd` is base64url.
const B64_INDEX = new Map<string, number>([...[...B64].map((c, i) => [c, i] as const), ['-', 62], ['_', 63]]);

function encode(bytes: Uint8Array, alphabet: string, pad: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += alphabet[a >> 2]! + alphabet[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    if (b !== undefined) out += alphabet[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    else if (pad) out += '=';
    if (c !== undefined) out += alphabet[c & 63]!;
    else if (pad) out += '=';
  }
  return out;
}

/** Standard base64 (RFC 4648 §4) with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  return encode(bytes, B64, true);
}

/** base64url (RFC 4648 §5) without padding, as SenML `vd` wants it. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  return encode(bytes, B64URL, false);
}

/**
 * Standard or URL-safe base64, padded or not, to bytes. Whitespace, stray characters, padding in the
 * wrong place and impossible lengths are RangeErrors.
 */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const padding = /=*$/.exec(text)![0].length;
  const body = text.slice(0, text.length - padding);
  for (let i = 0; i < body.length; i++) {
    if (!B64_INDEX.has(body[i]!)) {
      throw new RangeError(`Base64 text holds an invalid character "${body[i]}" at position ${i}`);
    }
  }
  if (body.length % 4 === 1) throw new RangeError('Base64 text has an impossible length');
  if (padding > 0 && (padding > 2 || text.length % 4 !== 0)) {
    throw new RangeError('Base64 text is wrongly padded');
  }
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let value = 0;
  let bits = 0;
  let o = 0;
  for (const char of body) {
    value = ((value << 6) | B64_INDEX.get(char)!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (value >> bits) & 0xff;
    }
  }
  return out;
}
