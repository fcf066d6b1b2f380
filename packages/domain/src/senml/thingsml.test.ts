import { describe, expect, it } from 'vitest';
import senmlVectors from '../../test/vectors/senml-rfc8428.json';
import vectors from '../../test/vectors/thingsml.json';
import { base64ToBytes, bytesToBase64Url, hexToBytes } from '../shared/bytes.ts';
import { resolveSenml } from './resolve.ts';
import { parseSenmlPack, type SenmlPack } from './senml.schemas.ts';
import { senmlFromCbor } from './senml-cbor.ts';
import { expandThingsml, THINGSML_FIELDS } from './thingsml.ts';

const NOW = 1_700_000_000;

interface ThingsmlCase {
  id: string;
  kind: 'encode' | 'decode';
  input?: { bn?: string; records: { vd_bytes_hex?: string; time_set_by_api?: number }[] };
  expected?: Record<string, unknown> & {
    json?: string;
    cbor_hex?: string;
    cbor_decoded_int_labels?: Labelled[];
  };
  expected_expanded_senml_derived?: Record<string, unknown>[];
  expected_resolved_derived?: Record<string, unknown>[];
  input_json?: string;
  second_input_json?: string;
  second_expected?: Record<string, unknown>;
  input_cbor_hex?: string;
  input_cbor_decoded_int_labels?: Labelled[];
}
type Labelled = Record<string, unknown>;
const cases = vectors.cases as ThingsmlCase[];
const byId = (id: string) => cases.find((c) => c.id === id)!;

/**
 * The vectors' reading aid writes CBOR keys as strings ("-2" = bn) and byte strings as
 * {"__bytes_hex": ...}; this restates RFC 8428 Table 4 + ThingsML key 23 on its own to check ours.
 */
const RFC_LABELS: Record<string, string> = {
  '-1': 'bver',
  '-2': 'bn',
  '-3': 'bt',
  '-4': 'bu',
  '-5': 'bv',
  '-6': 'bs',
  '0': 'n',
  '1': 'u',
  '2': 'v',
  '3': 'vs',
  '4': 'vb',
  '5': 's',
  '6': 't',
  '7': 'ut',
  '8': 'vd',
  '23': 'i_',
};
function fromReadingAid(records: Labelled[]): SenmlPack {
  return records.map((record) =>
    Object.fromEntries(
      Object.entries(record).map(([key, value]) => {
        const bytes = (value as { __bytes_hex?: string } | null)?.__bytes_hex;
        return [RFC_LABELS[key]!, bytes === undefined ? value : bytesToBase64Url(hexToBytes(bytes))];
      }),
    ),
  );
}

/** The C test reads `vd` back as a C string: the bytes up to the first NUL. */
const cString = (vd: string) => String.fromCharCode(...base64ToBytes(vd)).split('\0')[0];

/** Reduces resolved records to the name → value map the C library's decode tests assert. */
function valuesByName(pack: unknown) {
  const out: Record<string, unknown> = {};
  for (const r of resolveSenml(pack, { now: NOW })) {
    if (r.vd !== undefined) out[`${r.n}_bytes_as_cstring`] = cString(r.vd);
    else out[r.n] = r.v ?? r.vs ?? r.vb;
  }
  return out;
}

describe('ThingsML field table', () => {
  it('matches field_table of thingsml.json index for index', () => {
    expect(THINGSML_FIELDS).toEqual(
      vectors.field_table.map(({ index, name, unit }) => ({ index, name, unit })),
    );
  });

  it('covers the index range -24..14, each index once', () => {
    expect(THINGSML_FIELDS.map((f) => f.index)).toEqual(Array.from({ length: 39 }, (_, i) => i - 24));
    expect(vectors.labels).toEqual({ json_index_key: 'i_', cbor_index_key: 23, index_range: [-24, 14] });
  });
});

describe('ThingsML — vectors from the C library', () => {
  it('thingsml-single-device: JSON and CBOR give the same pack, expanded as derived', () => {
    const c = byId('thingsml-single-device');
    const fromJson = parseSenmlPack(JSON.parse(c.expected!.json!));
    const fromCbor = senmlFromCbor(hexToBytes(c.expected!.cbor_hex!));
    expect(fromCbor).toEqual(fromJson);
    expect(fromCbor).toEqual(fromReadingAid(c.expected!.cbor_decoded_int_labels!));
    expect(fromJson[0]!.vd).toBe(bytesToBase64Url(hexToBytes(c.input!.records[0]!.vd_bytes_hex!)));
    expect(expandThingsml(fromCbor)).toEqual(c.expected_expanded_senml_derived);
  });

  it('senml-simple-pack: plain SenML passes through unchanged', () => {
    const c = byId('senml-simple-pack');
    const fromJson = parseSenmlPack(JSON.parse(c.expected!.json!));
    const fromCbor = senmlFromCbor(hexToBytes(c.expected!.cbor_hex!));
    expect(fromCbor).toEqual(fromJson);
    expect(fromCbor).toEqual(fromReadingAid(c.expected!.cbor_decoded_int_labels!));
    expect(expandThingsml(fromCbor)).toEqual(fromJson);
    expect(resolveSenml(fromCbor, { now: NOW }).map((r) => r.n)).toEqual([
      'humidity',
      'power',
      'pressure',
      'temperature',
      'breadth',
    ]);
  });

  it('thingsml-lora-deveui-temperature: resolves to the DevEUI URN name at now', () => {
    const c = byId('thingsml-lora-deveui-temperature');
    const pack = senmlFromCbor(hexToBytes(c.expected!.cbor_hex!));
    expect(pack).toEqual(fromReadingAid(c.expected!.cbor_decoded_int_labels!));
    expect(expandThingsml(pack)).toEqual(c.expected_expanded_senml_derived);
    const expected = c.expected_resolved_derived!.map((r) => ({ ...r, t: r.t === 'now' ? NOW : r.t }));
    expect(resolveSenml(pack, { now: NOW })).toEqual(expected);
  });

  it('thingsml-no-bn-json: a record without any base name resolves to the bare index name', () => {
    const c = byId('thingsml-no-bn-json');
    expect(resolveSenml(JSON.parse(c.expected!.json!), { now: NOW })).toEqual([
      { n: 'temperature', u: 'Cel', v: 10, t: NOW },
    ]);
  });

  it('thingsml-base-time-json-cbor: bt 1 is a relative time, one second after now', () => {
    const c = byId('thingsml-base-time-json-cbor');
    const fromCbor = senmlFromCbor(hexToBytes(c.expected!.cbor_hex!));
    expect(fromCbor).toEqual(parseSenmlPack(JSON.parse(c.expected!.json!)));
    expect(fromCbor).toEqual(fromReadingAid(c.expected!.cbor_decoded_int_labels!));
    expect(resolveSenml(fromCbor, { now: NOW })).toEqual([{ n: 'temperature', u: 'Cel', v: 10, t: NOW + 1 }]);
  });

  it('thingsml-extended-cbor-times: half/single/double floats, times relative to bt', () => {
    const c = byId('thingsml-extended-cbor-times');
    const pack = senmlFromCbor(hexToBytes(c.expected!.cbor_hex!));
    expect(pack).toEqual(fromReadingAid(c.expected!.cbor_decoded_int_labels!));
    expect(pack.map((r) => r.t)).toEqual([1, 2, 3, 4, 5.5, 6.300000000000001]);
    expect(pack[3]!.v).toBe(2 ** -23);

    const resolved = resolveSenml(pack, { now: NOW });
    // bt 10 + t stays below 2^28, so the times the API set (11 … 16.3) count from now.
    const setByApi = c.input!.records.map((r) => r.time_set_by_api!);
    resolved.forEach((r, i) => {
      expect(Math.abs(r.t - (NOW + setByApi[i]!))).toBeLessThan(1e-6);
    });
    // The vector's note says bu "bit" applies to every record; but each index implies its own unit,
    // and RFC 8428 §4.5.2 applies bu only to records without one, so the index units stay.
    expect(resolved.map((r) => r.u)).toEqual(['%RH', 'W', 'Pa', 'm/s2', 'Cel', 'm']);
  });

  it('thingsml-decode-json-extended: both JSON inputs decode to the asserted values', () => {
    const c = byId('thingsml-decode-json-extended');
    expect(valuesByName(JSON.parse(c.input_json!))).toEqual(c.expected);
    expect(valuesByName(JSON.parse(c.second_input_json!))).toEqual(c.second_expected);
  });

  it('thingsml-decode-cbor-extended: CBOR decodes to the asserted values and the derived expansion', () => {
    const c = byId('thingsml-decode-cbor-extended');
    const pack = senmlFromCbor(hexToBytes(c.input_cbor_hex!));
    expect(pack).toEqual(fromReadingAid(c.input_cbor_decoded_int_labels!));
    expect(expandThingsml(pack)).toEqual(c.expected_expanded_senml_derived);
    // With bn "device-name" the resolved names carry it as a prefix.
    const values = valuesByName(pack);
    const expected = Object.fromEntries(Object.entries(c.expected!).map(([k, v]) => [`device-name${k}`, v]));
    expect(values).toEqual(expected);
  });
});

describe('SenML CBOR — RFC 8428 §6', () => {
  const c = senmlVectors.cases.find((x) => x.id === 'rfc8428-6-cbor-of-5.1.2') as {
    input_cbor_hex: string;
    expected_json_equivalent: Record<string, unknown>[];
  };
  const ex3 = senmlVectors.cases.find((x) => x.id === 'rfc8428-5.1.2-multiple-data-points-basetime') as {
    input: unknown;
  };

  it('decodes the RFC hex dump to the JSON equivalent (its last record carries t: 0 explicitly)', () => {
    const pack = senmlFromCbor(hexToBytes(c.input_cbor_hex));
    const expected = c.expected_json_equivalent;
    expect(pack.slice(0, -1)).toEqual(expected.slice(0, -1));
    expect(pack.at(-1)).toEqual({ ...expected.at(-1), t: 0 });
    expect(pack[4]!.v).toBe(1.5); // f93e00, a half float
  });

  it('resolves like the JSON form of 5.1.2', () => {
    const pack = senmlFromCbor(hexToBytes(c.input_cbor_hex));
    expect(resolveSenml(pack, { now: NOW })).toEqual(resolveSenml(ex3.input, { now: NOW }));
  });
});

describe('senmlFromCbor — bad payloads', () => {
  it.each([
    ['', /not valid CBOR: CBOR: the input is empty/],
    ['a0', /array of records/],
    ['8101', /pack\[0\]: a SenML record must be a CBOR map/],
    ['81a10863616263', /pack\[0\]: vd must be a CBOR byte string/],
    ['81a200617802fb3ff8000000000000ff', /not valid CBOR: .*1 byte\(s\) follow/],
    ['81a2006178021bffffffffffffffff', /pack\[0\]: v must be a number/],
    ['81a200617803420102', /pack\[0\]: vs must be a string/],
    ['81a2176178020a', /pack\[0\]: i_ must be a number/],
    ['9f81a0ff', /indefinite-length/],
  ])('%s → %s', (hex, message) => {
    expect(() => senmlFromCbor(hexToBytes(hex))).toThrow(message);
  });

  it('ignores unknown integer labels, such as the C library’s -16 for bs', () => {
    expect(senmlFromCbor(hexToBytes('81a300617802012f05'))).toEqual([{ n: 'x', v: 1 }]);
  });
});
