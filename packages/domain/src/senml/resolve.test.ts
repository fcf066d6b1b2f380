import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/senml-rfc8428.json';
import { resolveSenml } from './resolve.ts';
import type { ResolvedSenmlRecord } from './senml.schemas.ts';

const NOW = 1_700_000_000;

interface SenmlCase {
  id: string;
  input?: Record<string, unknown>[];
  now?: number;
  expected_resolved?: { t: number; v?: number }[];
  expected_resolved_as_generated_upstream?: unknown[];
}
const cases = vectors.cases as SenmlCase[];
const byId = (id: string) => cases.find((c) => c.id === id)!;

/**
 * Times are compared to 1e-6 s as the vector notes ask (sums like 1276020076.001 - 5 are floats).
 * The notes (RFC 8428 §4.6) require resolved records in chronological order, but the expected list of
 * 5.1.2 keeps pack order (its first record is the latest). So the expected records are compared after
 * a stable sort by time: same records, same values, order as the rule says.
 */
function expectResolved(actual: ResolvedSenmlRecord[], expected: { t: number }[]) {
  const chronological = [...expected].sort((a, b) => a.t - b.t);
  expect(actual).toHaveLength(chronological.length);
  actual.forEach((record, i) => {
    const { t, ...rest } = record;
    const { t: expectedT, ...expectedRest } = chronological[i]!;
    expect(rest).toEqual(expectedRest);
    expect(Math.abs(t - expectedT)).toBeLessThan(1e-6);
  });
}

describe('resolveSenml — RFC 8428 vectors', () => {
  const jsonCases = cases.filter((c) => c.input && c.expected_resolved);

  it('covers every JSON case of senml-rfc8428.json', () => {
    expect(jsonCases.map((c) => c.id)).toEqual([
      'rfc8428-5.1.1-single-data-point',
      'rfc8428-5.1.2-multiple-data-points-basetime',
      'rfc8428-5.1.3-multiple-measurements+5.1.4-resolved-data',
      'rfc8428-5.1.5-multiple-data-types',
      'rfc8428-5.1.7-lights-on',
      'senml-draft-resolved-absolute-times',
    ]);
  });

  for (const c of jsonCases) {
    const input = c.input!;
    const expected = c.expected_resolved!;
    it(`resolves ${c.id}`, () => {
      const resolved = resolveSenml(input, { now: c.now ?? NOW });
      const hasVersion = input.some((r) => 'bver' in r);
      if (hasVersion) {
        // RFC 8428 §4.6: resolved records MUST carry the version when it is not 10. The vector (like the
        // upstream generated file) leaves bver out, so it is checked here and compared without it.
        expect(resolved.every((r) => r.bver === 5)).toBe(true);
        expectResolved(
          resolved.map(({ bver: _bver, ...r }) => r),
          expected,
        );
      } else {
        expectResolved(resolved, expected);
      }
    });
  }

  it('orders 5.1.2 chronologically although its expected list keeps pack order', () => {
    const c = byId('rfc8428-5.1.2-multiple-data-points-basetime');
    const resolved = resolveSenml(c.input, { now: NOW });
    expect(resolved.map((r) => r.v)).toEqual([1.2, 1.3, 1.4, 1.5, 1.6, 120.1, 1.7]);
    expect(c.expected_resolved!.map((r) => r.v)).toEqual([120.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7]);
  });

  it('keeps the vd record that the upstream generator dropped in 5.1.5', () => {
    const c = byId('rfc8428-5.1.5-multiple-data-types');
    const resolved = resolveSenml(c.input, { now: c.now! });
    expect(resolved).toHaveLength(c.expected_resolved_as_generated_upstream!.length + 1);
    expect(resolved.at(-1)).toEqual({ n: 'urn:dev:ow:10e2073a01080063:nfv-reader', t: c.now, vd: 'aGkgCg' });
  });
});

describe('resolveSenml — rules', () => {
  it('treats a time below 2^28 as relative to now and one at or above as Unix time', () => {
    const resolved = resolveSenml(
      [
        { n: 'a', v: 1, t: -60 },
        { n: 'b', v: 2, t: 2 ** 28 - 1 },
        { n: 'c', v: 3, t: 2 ** 28 },
      ],
      { now: NOW },
    );
    expect(resolved.map((r) => [r.n, r.t])).toEqual([
      ['c', 2 ** 28],
      ['a', NOW - 60],
      ['b', NOW + 2 ** 28 - 1],
    ]);
  });

  it('adds base time to relative record times, then applies now to the sum', () => {
    const resolved = resolveSenml([{ bt: -100, n: 'x', v: 1, t: 10 }], { now: NOW });
    expect(resolved[0]!.t).toBe(NOW - 90);
  });

  it('adds bv to v, counts a missing v as 0, and leaves string/boolean/data values alone', () => {
    const resolved = resolveSenml(
      [{ bn: 'dev:', bv: 100, n: 'a', v: 5 }, { n: 'b' }, { n: 'c', vs: 'on' }, { n: 'd', vb: true }],
      { now: NOW },
    );
    expect(resolved).toEqual([
      { n: 'dev:a', v: 105, t: NOW },
      { n: 'dev:b', v: 100, t: NOW },
      { n: 'dev:c', vs: 'on', t: NOW },
      { n: 'dev:d', vb: true, t: NOW },
    ]);
  });

  it('adds bs to s only when one of them is present', () => {
    const resolved = resolveSenml(
      [
        { n: 'a', v: 1 },
        { bs: 10, n: 'b', v: 1, s: 5 },
        { n: 'c', v: 1 },
      ],
      { now: NOW },
    );
    expect(resolved.map((r) => r.s)).toEqual([undefined, 15, 10]);
  });

  it('accepts a record with only a sum', () => {
    expect(resolveSenml([{ n: 'energy', u: 'J', s: 42 }], { now: NOW })).toEqual([
      { n: 'energy', u: 'J', s: 42, t: NOW },
    ]);
  });

  it('lets later base fields replace earlier ones from their record on', () => {
    const resolved = resolveSenml(
      [
        { bn: 'a:', bu: 'V', n: 'x', v: 1 },
        { bn: 'b:', n: 'y', v: 2 },
        { bu: 'A', n: 'z', v: 3 },
      ],
      { now: NOW },
    );
    expect(resolved.map((r) => `${r.n} ${r.u}`)).toEqual(['a:x V', 'b:y V', 'b:z A']);
  });

  it('names records with the default base name until the pack sets its own', () => {
    const urn = 'urn:dev:DEVEUI:0059AC00001B0095:';
    expect(resolveSenml([{ n: 'temperature', v: 1 }], { now: NOW, baseName: urn })[0]!.n).toBe(
      `${urn}temperature`,
    );
    expect(resolveSenml([{ bn: 'other:', n: 't', v: 1 }], { now: NOW, baseName: urn })[0]!.n).toBe('other:t');
  });

  it('sorts records chronologically and keeps pack order for equal times', () => {
    const resolved = resolveSenml(
      [
        { bt: 1_600_000_000, n: 'late', v: 1, t: 10 },
        { n: 'early', v: 2, t: 0 },
        { n: 'early-too', v: 3, t: 0 },
      ],
      { now: NOW },
    );
    expect(resolved.map((r) => r.n)).toEqual(['early', 'early-too', 'late']);
  });

  it('copies ut unchanged: it is a period, not a time', () => {
    expect(resolveSenml([{ bt: 1_600_000_000, n: 'x', v: 1, ut: 300 }], { now: NOW })[0]!.ut).toBe(300);
  });

  it('ignores unknown labels and refuses unknown must-understand labels ending in _', () => {
    expect(resolveSenml([{ n: 'x', v: 1, foo: 'bar' }], { now: NOW })).toEqual([{ n: 'x', v: 1, t: NOW }]);
    expect(() => resolveSenml([{ n: 'x', v: 1, geo_: 1 }], { now: NOW })).toThrow(
      /pack\[0\]: label "geo_" ends in '_'/,
    );
  });

  it('refuses a version above 10 and packs whose records disagree on the version', () => {
    expect(() => resolveSenml([{ bver: 11, n: 'x', v: 1 }], { now: NOW })).toThrow(/SenML version 11/);
    expect(() =>
      resolveSenml(
        [
          { n: 'x', v: 1 },
          { bver: 5, n: 'y', v: 1 },
        ],
        { now: NOW },
      ),
    ).toThrow(/pack\[1\]: bver 5 differs/);
    expect(resolveSenml([{ bver: 10, n: 'x', v: 1 }], { now: NOW })[0]).not.toHaveProperty('bver');
  });
});

describe('resolveSenml — malformed input gets a sentence, never a crash', () => {
  it.each([
    [{ n: 'x', v: 1 }, /JSON array of records/],
    ['[{"n":"x"}]', /JSON array of records/],
    [null, /JSON array of records/],
    [[42], /pack\[0\]: a SenML record must be a JSON object/],
    [[{ n: 'x', v: '23.1' }], /pack\[0\]: v must be a number/],
    [[{ n: 'x', vb: 'true' }], /vb must be true or false/],
    [[{ n: 'x', t: 'now', v: 1 }], /t must be a number/],
    [[{ n: 'x', vd: 'aGkgCg==' }], /vd must be base64url without padding/],
    [[{ n: 'x', vd: 'aGkgC' }], /length is impossible/],
    [[{ n: 'x', v: 1, vs: 'a' }], /more than one value \(v, vs\)/],
    [[{ n: 'x' }], /no value/],
    [[{ v: 1 }], /no name/],
    [[{ n: 'bad name', v: 1 }], /not a valid SenML name/],
    [[{ n: '-x', v: 1 }], /not a valid SenML name/],
    [[{ bver: 10.5, n: 'x', v: 1 }], /bver must be an integer/],
    [
      [
        { n: 'x', v: 1 },
        { i_: 99, v: 1 },
      ],
      /pack\[1\]: i_ 99 is not a ThingsML measurement index/,
    ],
  ])('%j → %s', (input, message) => {
    expect(() => resolveSenml(input, { now: NOW })).toThrow(message);
  });

  it('refuses a now that is not a number', () => {
    expect(() => resolveSenml([], { now: Number.NaN })).toThrow(/now must be a finite number/);
  });

  it('resolves an empty pack to no records', () => {
    expect(resolveSenml([], { now: NOW })).toEqual([]);
  });
});

describe('resolveSenml — records of base fields only', () => {
  // RFC 8428 §5.1.7, "Setting an Actuator": the thermostat pack's first record carries only the base name.
  const thermostat = [
    { bn: 'urn:dev:ow:10e2073a01080063:' },
    { n: 'temp', u: 'Cel', v: 23.1 },
    { n: 'heat', u: '/', v: 1 },
    { n: 'fan', u: '/', v: 0 },
  ];

  it('resolves RFC 8428 §5.1.7 (a first record of base fields, then records) as its authors do', () => {
    expect(resolveSenml(thermostat, { now: NOW })).toEqual([
      { n: 'urn:dev:ow:10e2073a01080063:temp', u: 'Cel', v: 23.1, t: NOW },
      { n: 'urn:dev:ow:10e2073a01080063:heat', u: '/', v: 1, t: NOW },
      { n: 'urn:dev:ow:10e2073a01080063:fan', u: '/', v: 0, t: NOW },
    ]);
  });

  it('applies a separate {bn, bt} record, as older firmware sends it, to the records after it', () => {
    expect(
      resolveSenml(
        [
          { bn: 'dev:', bt: 1_600_000_000 },
          { n: 'a', v: 1, t: 5 },
          { bt: 1_600_000_100, bu: 'V' },
          { n: 'b', v: 2 },
        ],
        { now: NOW },
      ),
    ).toEqual([
      { n: 'dev:a', v: 1, t: 1_600_000_005 },
      { n: 'dev:b', u: 'V', v: 2, t: 1_600_000_100 },
    ]);
  });

  it('still refuses a named record without a value', () => {
    expect(() => resolveSenml([{ bn: 'dev:', n: 'a' }], { now: NOW })).toThrow(
      /pack\[0\]: the record has no value/,
    );
  });

  it('refuses a record the check turns down, with the index it had in the pack', () => {
    expect(() =>
      resolveSenml([{ bn: 'dev:' }, { n: 'a', v: 1 }, { n: 'b', v: 2 }], {
        now: NOW,
        check: (r) => (r.n === 'dev:b' ? 'not this one' : null),
      }),
    ).toThrow('pack[2]: not this one');
  });
});
