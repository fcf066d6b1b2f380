import { type ResolvedSenmlRecord, resolveSenml } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { deliveryBody, measurementName } from './plan.ts';

const URN = 'urn:dev:DVNUUID:6b1c0f1e-2b6f-4c38-9d2a-3b7c5e0f9a11:';
const T = 1_700_000_000;

/** What a receiver makes of a delivered pack by the rules of RFC 8428 §4.6. */
const received = (body: string) => resolveSenml(JSON.parse(body), { now: 0 });

describe('deliveryBody', () => {
  it.each<[string, ResolvedSenmlRecord[]]>([
    [
      'names under the device URN',
      [
        { n: `${URN}temperature`, u: 'Cel', v: 21.5, t: T },
        { n: `${URN}batteryVoltage`, u: 'V', v: 3.6, t: T + 60 },
      ],
    ],
    ['a record named by its base name alone', [{ n: URN, v: 1, t: T }]],
    [
      'a ThingsML pack with a base name of its own',
      [
        { n: 'urn:dev:mac:0024befffe804ff1:temperature', u: 'Cel', v: 23.5, t: T },
        { n: 'urn:dev:mac:0024befffe804ff1:humidity', u: '%RH', v: 40, t: T },
      ],
    ],
    [
      'names of both kinds, in turn',
      [
        { n: `${URN}a`, v: 1, t: T },
        { n: 'sensor-7:b', v: 2, t: T + 1 },
        { n: `${URN}c`, vs: 'on', t: T + 2 },
        { n: 'sensor-7:d', vb: true, t: T + 3 },
      ],
    ],
  ])('carries exactly the resolved names and times of the history: %s', (_, records) => {
    expect(received(deliveryBody(URN, records))).toEqual(records);
  });

  it('names a base-name-only record once, never with the URN twice', () => {
    const [first] = JSON.parse(deliveryBody(URN, [{ n: URN, v: 1, t: T }]));
    expect(first).toEqual({ bn: URN, bt: T, v: 1 });
  });

  it('puts bn = the device URN on the first record where it is a prefix', () => {
    const pack = JSON.parse(deliveryBody(URN, [{ n: `${URN}temperature`, v: 1, t: T }]));
    expect(pack[0]).toEqual({ bn: URN, bt: T, n: 'temperature', v: 1 });
  });

  it('keeps relative times exact, without floating-point noise', () => {
    const records = [0, 0.1, 0.3, 1.7, 60.001].map((dt, i) => ({ n: `${URN}x${i}`, v: i, t: T + 0.25 + dt }));
    const pack = JSON.parse(deliveryBody(URN, records));
    expect(pack.slice(1).map((r: { t: number }) => r.t)).toEqual([0.1, 0.3, 1.7, 60.001]);
  });
});

describe('measurementName', () => {
  it('strips the device URN, whatever its case, and keeps other names whole', () => {
    expect(measurementName(`${URN}temperature`, URN)).toBe('temperature');
    expect(measurementName(`${URN.toUpperCase()}temperature`, URN)).toBe('temperature');
    expect(measurementName(URN, URN)).toBe(URN);
    expect(measurementName('urn:dev:mac:1:temperature', URN)).toBe('urn:dev:mac:1:temperature');
  });
});
