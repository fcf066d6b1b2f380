import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, bytesToBase64Url, bytesToHex, hexToBytes } from './bytes.ts';

const ascii = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe('hex', () => {
  it('round-trips bytes through lower-case hex', () => {
    expect(bytesToHex(new Uint8Array([0x00, 0x27, 0xbd, 0xff]))).toBe('0027bdff');
    expect(hexToBytes('0027BDff')).toEqual(new Uint8Array([0x00, 0x27, 0xbd, 0xff]));
    expect(hexToBytes('')).toEqual(new Uint8Array());
  });

  it('rejects an odd number of digits and non-hex characters with their position', () => {
    expect(() => hexToBytes('abc')).toThrow(/odd number of digits/);
    expect(() => hexToBytes('0g')).toThrow(/"g" at position 1/);
    expect(() => hexToBytes('00 1')).toThrow(/odd/);
    expect(() => hexToBytes('0x12')).toThrow(/"x" at position 1/);
  });
});

describe('base64', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 vector %j ↔ %s', (plain, encoded) => {
    expect(bytesToBase64(ascii(plain))).toBe(encoded);
    expect(base64ToBytes(encoded)).toEqual(ascii(plain));
    expect(base64ToBytes(encoded.replace(/=+$/, ''))).toEqual(ascii(plain));
  });

  it('writes base64url without padding for SenML vd and reads both alphabets', () => {
    const bytes = hexToBytes('686f69686f6900'); // "hoihoi\0" from the ThingsML vectors
    expect(bytesToBase64Url(bytes)).toBe('aG9paG9pAA');
    expect(base64ToBytes('aG9paG9pAA')).toEqual(bytes);
    expect(bytesToBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(base64ToBytes('-_8')).toEqual(new Uint8Array([0xfb, 0xff]));
    expect(base64ToBytes('+/8=')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('decodes the LoRa network server payloads of the vectors', () => {
    expect(bytesToHex(base64ToBytes('qg=='))).toBe('aa');
    expect(bytesToHex(base64ToBytes('gkHe'))).toBe('8241de');
    expect(bytesToHex(base64ToBytes('AQDnAiEEACQFAgYBsAcOTQ=='))).toBe('0100e7022104002405020601b0070e4d');
  });

  it('rejects whitespace, stray characters, bad padding and impossible lengths', () => {
    expect(() => base64ToBytes('Zm9v YmFy')).toThrow(/invalid character " " at position 4/);
    expect(() => base64ToBytes('Zm9v\n')).toThrow(/invalid character/);
    expect(() => base64ToBytes('Zg=')).toThrow(/padded/);
    expect(() => base64ToBytes('Zg==Zg==')).toThrow(/invalid character "="/);
    expect(() => base64ToBytes('Zm9vY')).toThrow(/impossible length/);
    expect(() => base64ToBytes('é')).toThrow(/invalid character/);
  });
});
