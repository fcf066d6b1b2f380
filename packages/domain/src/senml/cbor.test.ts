import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../shared/bytes.ts';
import { CborTagged, type CborValue, decodeCbor } from './cbor.ts';

const decode = (hex: string) => decodeCbor(hexToBytes(hex));

describe('decodeCbor — RFC 8949 Appendix A examples', () => {
  it.each<[string, CborValue]>([
    ['00', 0],
    ['01', 1],
    ['0a', 10],
    ['17', 23],
    ['1818', 24],
    ['1819', 25],
    ['1864', 100],
    ['1903e8', 1000],
    ['1a000f4240', 1000000],
    ['1b000000e8d4a51000', 1000000000000],
    ['1bffffffffffffffff', 18446744073709551615n],
    ['3bffffffffffffffff', -18446744073709551616n],
    ['20', -1],
    ['29', -10],
    ['3863', -100],
    ['3903e7', -1000],
  ])('integer %s → %s', (hex, value) => {
    expect(decode(hex)).toBe(value);
  });

  it.each<[string, number]>([
    ['f90000', 0.0],
    ['f98000', -0.0],
    ['f93c00', 1.0],
    ['fb3ff199999999999a', 1.1],
    ['f93e00', 1.5],
    ['f97bff', 65504.0],
    ['fa47c35000', 100000.0],
    ['fa7f7fffff', 3.4028234663852886e38],
    ['fb7e37e43c8800759c', 1.0e300],
    ['f90001', 2 ** -24], // 5.960464477539063e-8, the smallest positive half
    ['f90400', 0.00006103515625],
    ['f9c400', -4.0],
    ['fbc010666666666666', -4.1],
    ['f97c00', Number.POSITIVE_INFINITY],
    ['f97e00', Number.NaN],
    ['f9fc00', Number.NEGATIVE_INFINITY],
    ['fa7f800000', Number.POSITIVE_INFINITY],
    ['fa7fc00000', Number.NaN],
    ['faff800000', Number.NEGATIVE_INFINITY],
    ['fb7ff0000000000000', Number.POSITIVE_INFINITY],
    ['fb7ff8000000000000', Number.NaN],
    ['fbfff0000000000000', Number.NEGATIVE_INFINITY],
  ])('float %s → %s', (hex, value) => {
    // toBe uses Object.is: it tells -0 from 0 and accepts NaN as NaN.
    expect(decode(hex)).toBe(value);
  });

  it.each<[string, CborValue]>([
    ['f4', false],
    ['f5', true],
    ['f6', null],
    ['f7', undefined],
  ])('simple value %s → %s', (hex, value) => {
    expect(decode(hex)).toBe(value);
  });

  it.each<[string, CborValue]>([
    ['40', new Uint8Array()],
    ['4401020304', new Uint8Array([1, 2, 3, 4])],
    ['60', ''],
    ['6161', 'a'],
    ['6449455446', 'IETF'],
    ['62225c', '"\\'],
    ['62c3bc', '\u00fc'],
    ['63e6b0b4', '\u6c34'],
    ['64f0908591', '\u{10151}'],
  ])('string %s → %j', (hex, value) => {
    expect(decode(hex)).toEqual(value);
  });

  it.each<[string, CborValue]>([
    ['80', []],
    ['83010203', [1, 2, 3]],
    ['8301820203820405', [1, [2, 3], [4, 5]]],
    [
      '98190102030405060708090a0b0c0d0e0f101112131415161718181819',
      Array.from({ length: 25 }, (_, i) => i + 1),
    ],
    ['a0', new Map()],
    [
      'a201020304',
      new Map([
        [1, 2],
        [3, 4],
      ]),
    ],
    [
      'a26161016162820203',
      new Map<string, CborValue>([
        ['a', 1],
        ['b', [2, 3]],
      ]),
    ],
    ['826161a161626163', ['a', new Map([['b', 'c']])]],
    [
      'a56161614161626142616361436164614461656145',
      new Map([
        ['a', 'A'],
        ['b', 'B'],
        ['c', 'C'],
        ['d', 'D'],
        ['e', 'E'],
      ]),
    ],
  ])('container %s', (hex, value) => {
    expect(decode(hex)).toEqual(value);
  });

  it.each<[string, CborTagged]>([
    ['c074323031332d30332d32315432303a30343a30305a', new CborTagged(0, '2013-03-21T20:04:00Z')],
    ['c11a514b67b0', new CborTagged(1, 1363896240)],
    ['c1fb41d452d9ec200000', new CborTagged(1, 1363896240.5)],
    ['d74401020304', new CborTagged(23, new Uint8Array([1, 2, 3, 4]))],
    ['d818456449455446', new CborTagged(24, hexToBytes('6449455446'))],
    ['d82076687474703a2f2f7777772e6578616d706c652e636f6d', new CborTagged(32, 'http://www.example.com')],
  ])('tagged item %s', (hex, value) => {
    expect(decode(hex)).toEqual(value);
  });

  it('refuses the indefinite-length examples of Appendix A', () => {
    for (const hex of [
      '5f42010243030405ff',
      '7f657374726561646d696e67ff',
      '9fff',
      'bf61610161629f0203ffff',
    ]) {
      expect(() => decode(hex)).toThrow(/indefinite-length items are not supported \(at byte 0\)/);
    }
    expect(() => decode('83018202039f0405ff')).toThrow(/indefinite-length.*at byte 5/);
  });

  it('refuses unassigned simple values', () => {
    expect(() => decode('f0')).toThrow(/simple value 16 is not supported/);
    expect(() => decode('f8ff')).toThrow(/simple value 255 is not supported/);
  });
});

describe('decodeCbor — hostile and broken input', () => {
  it('never reads past the end', () => {
    expect(() => decode('')).toThrow(/empty/);
    expect(() => decode('19')).toThrow(/2-byte argument needs 2 byte\(s\) but only 0 remain/);
    expect(() => decode('1a0001')).toThrow(/4-byte argument/);
    expect(() => decode('fb3ff19999')).toThrow(/double-precision float needs 8/);
    expect(() => decode('f93e')).toThrow(/half-precision float/);
    expect(() => decode('6461')).toThrow(/text string of length 4 runs past the end/);
    expect(() => decode('83')).toThrow(/array of length 3 runs past the end/);
    expect(() => decode('8301')).toThrow(/array of length 3 runs past the end/);
    expect(() => decode('a20102')).toThrow(/map of 2 entries runs past the end/);
    expect(() => decode('a1')).toThrow(/map of length 1 runs past the end/);
  });

  it('refuses huge declared lengths before allocating anything', () => {
    expect(() => decode('5bffffffffffffffff')).toThrow(
      /byte string of length 18446744073709551615 runs past/,
    );
    expect(() => decode('9b000000000000ffff00')).toThrow(/array of length 65535 runs past/);
    expect(() => decode('ba7fffffff00')).toThrow(/map of length 2147483647 runs past/);
  });

  it('limits nesting depth', () => {
    const deep = `${'81'.repeat(40)}00`;
    expect(() => decode(deep)).toThrow(/nesting deeper than 32 levels/);
    expect(decodeCbor(hexToBytes(`${'81'.repeat(3)}00`), { maxDepth: 3 })).toEqual([[[0]]]);
    expect(() => decodeCbor(hexToBytes(`${'81'.repeat(4)}00`), { maxDepth: 3 })).toThrow(/nesting/);
    expect(() => decode(`${'c1'.repeat(40)}00`)).toThrow(/nesting/);
  });

  it('refuses trailing bytes, reserved codes, stray breaks, bad UTF-8 and duplicate or odd map keys', () => {
    expect(() => decode('0001')).toThrow(/1 byte\(s\) follow the first item \(at byte 1\)/);
    expect(() => decode('1c')).toThrow(/additional information 28 is reserved/);
    expect(() => decode('fc')).toThrow(/additional information 28 is reserved/);
    expect(() => decode('ff')).toThrow(/"break" stop code/);
    expect(() => decode('62c328')).toThrow(/not valid UTF-8/);
    expect(() => decode('a201020103')).toThrow(/map key "1" appears twice \(at byte 3\)/);
    expect(() => decode('a1800102')).toThrow(/map keys must be integers or text strings/);
  });

  it('returns byte strings that do not alias the input', () => {
    const input = hexToBytes('4401020304');
    const out = decodeCbor(input) as Uint8Array;
    input[1] = 0xff;
    expect(out).toEqual(new Uint8Array([1, 2, 3, 4]));
  });
});
