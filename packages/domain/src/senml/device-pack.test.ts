import { describe, expect, it } from 'vitest';
import { checkDevicePack, nameAfterUrn } from './device-pack.ts';
import { SenmlError } from './senml.schemas.ts';

const URN = 'urn:dev:DVNUUID:6b1c0f1e-2b6f-4c38-9d2a-3b7c5e0f9a11:';
const OTHER = 'urn:dev:DVNUUID:00000000-0000-4000-8000-000000000000:';
const NOW = 1_700_000_000;
const bytes = (value: unknown) =>
  new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
const check = (pack: unknown) => checkDevicePack(bytes(pack), { urn: URN, now: NOW });

function refusal(pack: unknown): SenmlError {
  try {
    check(pack);
  } catch (error) {
    expect(error).toBeInstanceOf(SenmlError);
    return error as SenmlError;
  }
  throw new Error('the pack was accepted');
}

describe('checkDevicePack', () => {
  it('resolves a pack whose names start with the device URN', () => {
    expect(check([{ bn: URN, n: 'temperature', u: 'Cel', v: 21.5 }])).toEqual([
      { n: `${URN}temperature`, u: 'Cel', v: 21.5, t: NOW },
    ]);
  });

  it('refuses a later record that names another device, with its index', () => {
    const error = refusal([
      { bn: URN, n: 'temperature', v: 1 },
      { bn: OTHER, n: 'temperature', v: 2 },
    ]);
    expect(error.record).toBe(1);
    expect(error.message).toMatch(/does not belong to this device/);
  });

  it('accepts the device URN in any case as base name, or none', () => {
    expect(check([{ bn: URN.toUpperCase(), v: 1 }])[0]!.n).toBe(URN.toUpperCase());
    expect(
      check([
        { n: 'a', v: 1 },
        { n: 'b', v: 2 },
      ]).map((r) => r.n),
    ).toEqual([`${URN}a`, `${URN}b`]);
  });

  it('accepts a base name that extends the device URN', () => {
    expect(check([{ bn: `${URN}sensor1:`, n: 'temperature', v: 1 }])[0]!.n).toBe(`${URN}sensor1:temperature`);
  });

  it.each([
    ['bt 1e300', [{ bn: URN, bt: 1e300, n: 'a', v: 1 }], /outside the years 1 to 9999/],
    ['bt -1e300', [{ bn: URN, bt: -1e300, n: 'a', v: 1 }], /outside the years 1 to 9999/],
    ['t -1e12', [{ bn: URN, t: -1e12, n: 'a', v: 1 }], /outside the years 1 to 9999/],
    ['t 9e12', [{ bn: URN, t: 9e12, n: 'a', v: 1 }], /outside the years 1 to 9999/],
    ['a NUL in vs', [{ bn: URN, n: 'a', vs: 'x\u0000y' }], /vs contains a NUL/],
    ['a NUL in u', [{ bn: URN, n: 'a', u: '\u0000', v: 1 }], /u contains a NUL/],
    ['a lone surrogate in vs', [{ bn: URN, n: 'a', vs: '\ud800' }], /lone UTF-16 surrogate/],
    ['a lone surrogate in u', [{ bn: URN, n: 'a', u: 'x\udc00', v: 1 }], /lone UTF-16 surrogate/],
    ['a value that overflows', [{ bn: URN, bv: 1.7e308, n: 'a', v: 1.7e308 }], /not a finite number/],
  ])('refuses %s, naming the record', (_label, pack, message) => {
    const error = refusal(pack);
    expect(error.record).toBe(0);
    expect(error.message).toMatch(message);
  });

  it('reads the escapes of the raw JSON text, as a device sends them', () => {
    expect(refusal(`[{"bn":"${URN}","n":"a","vs":"\\u0000"}]`).message).toMatch(/NUL/);
    expect(refusal(`[{"bn":"${URN}","n":"a","vs":"\\ud800"}]`).message).toMatch(/surrogate/);
  });

  it('keeps a surrogate pair (an emoji) as the character it is', () => {
    expect(check([{ bn: URN, n: 'a', vs: '😀' }])[0]!.vs).toBe('😀');
  });

  it('refuses what is not a pack', () => {
    expect(refusal('{').message).toMatch(/not valid JSON/);
    expect(refusal([]).message).toMatch(/non-empty JSON array/);
    expect(() => checkDevicePack(new Uint8Array([0xff]), { urn: URN, now: NOW })).toThrow(/not valid JSON/);
  });
});

describe('nameAfterUrn', () => {
  it('strips the device URN whatever the case of its letters', () => {
    expect(nameAfterUrn(`${URN}temperature`, URN)).toBe('temperature');
    expect(nameAfterUrn(`${URN.toUpperCase()}temperature`, URN)).toBe('temperature');
    expect(nameAfterUrn(URN, URN)).toBe('');
    expect(nameAfterUrn('urn:dev:ow:10e2073a01080063:temp', URN)).toBeNull();
  });
});
