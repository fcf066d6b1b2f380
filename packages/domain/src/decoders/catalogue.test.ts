import { describe, expect, it } from 'vitest';
import lnsVectors from '../../test/vectors/lns-uplinks.json';
import thingsmlVectors from '../../test/vectors/thingsml.json';
import { hexToBytes } from '../shared/bytes.ts';
import {
  BUILT_IN_DECODERS,
  DecoderInfoSchema,
  decoderInfo,
  elsysDecoder,
  findBuiltInDecoder,
  loraGeolocationDecoder,
  rawLoraDecoder,
  rawLoraExtendedDecoder,
  senmlPassthroughDecoder,
  thingsmlLoraDecoder,
} from './catalogue.ts';
import type { DecodeResult } from './decoder.types.ts';
import { normaliseLnsUplink } from './lns.ts';
import type { LoraUplink } from './lora-uplink.ts';

const NOW = 1_700_000_000;

function uplink(overrides: Partial<LoraUplink> = {}): LoraUplink {
  return {
    devEui: '0059AC00001B0095',
    fPort: 1,
    fCnt: 7,
    payload: new Uint8Array(),
    receivedAt: NOW,
    metadata: { lns: 'chirpstack' },
    ...overrides,
  };
}
const URN = 'urn:dev:DEVEUI:0059AC00001B0095:';

function lnsUplink(id: string): LoraUplink {
  const c = lnsVectors.cases.find((x) => x.id === id)!;
  const body = 'body' in c.input ? c.input.body : c.input;
  const result = normaliseLnsUplink(body, { now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result.uplink;
}

function records(result: DecodeResult) {
  if ('error' in result) throw new Error(result.error);
  return result.records;
}

const thingsmlCase = (id: string) =>
  thingsmlVectors.cases.find((c) => c.id === id) as { expected: { cbor_hex: string }; input_json?: string };

describe('the built-in decoder catalogue', () => {
  it('has six decoders with distinct, fixed uuids and valid descriptions', () => {
    expect(BUILT_IN_DECODERS.map((d) => [d.name, d.version, d.inputKind])).toEqual([
      ['SenML/ThingsML passthrough', 1, 'senml'],
      ['ThingsML for LoRa', 1, 'lora'],
      ['Raw LoRa payload (v2)', 2, 'lora'],
      ['Raw LoRa payload Extended (v2)', 2, 'lora'],
      ['Elsys ERS (v3)', 3, 'lora'],
      ['LoRa geolocation', 1, 'lora'],
    ]);
    expect(new Set(BUILT_IN_DECODERS.map((d) => d.id)).size).toBe(6);
    for (const d of BUILT_IN_DECODERS) {
      expect(DecoderInfoSchema.parse(decoderInfo(d))).toEqual(decoderInfo(d));
      expect(findBuiltInDecoder(d.id)).toBe(d);
    }
    expect(findBuiltInDecoder('3bba7d63-f98e-47e7-a836-92ad6ca26c2f')?.name).toBe(
      'SenML/ThingsML passthrough',
    );
    expect(findBuiltInDecoder('00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('never throws, whatever the input', () => {
    const hostile = uplink({ payload: hexToBytes('ff9f5b00000000ffffffff'), fPort: null });
    for (const d of BUILT_IN_DECODERS) {
      const result =
        d.inputKind === 'senml'
          ? senmlPassthroughDecoder.decode({ pack: { not: 'a pack' }, receivedAt: NOW })
          : (d as typeof rawLoraDecoder).decode(hostile);
      expect(result).toSatisfy((r: DecodeResult) => 'error' in r || Array.isArray(r.records));
    }
  });
});

describe('SenML/ThingsML passthrough', () => {
  it('resolves a ThingsML JSON pack with the device URN as default base name', () => {
    const pack = JSON.parse(thingsmlCase('thingsml-decode-json-extended').input_json!);
    const result = records(senmlPassthroughDecoder.decode({ pack, receivedAt: NOW, baseName: URN }));
    expect(result[0]).toEqual({ n: `${URN}temperature`, u: 'Cel', v: 10, t: NOW });
    expect(result).toHaveLength(5);
  });

  it('returns the reason for a pack it cannot use', () => {
    expect(senmlPassthroughDecoder.decode({ pack: [{ n: 'x', v: 'hot' }], receivedAt: NOW })).toEqual({
      error: 'pack[0]: v must be a number',
    });
  });
});

describe('ThingsML for LoRa', () => {
  it('decodes the CBOR pack of the LoRa vector with its own DevEUI base name', () => {
    const payload = hexToBytes(thingsmlCase('thingsml-lora-deveui-temperature').expected.cbor_hex);
    expect(records(thingsmlLoraDecoder.decode(uplink({ payload })))).toEqual([
      { n: `${URN}temperature`, u: 'Cel', v: 1.5, t: NOW },
    ]);
  });

  it('names records after the device when the pack has no base name', () => {
    const payload = hexToBytes(thingsmlCase('thingsml-base-time-json-cbor').expected.cbor_hex);
    expect(records(thingsmlLoraDecoder.decode(uplink({ payload })))).toEqual([
      { n: `${URN}temperature`, u: 'Cel', v: 10, t: NOW + 1 },
    ]);
  });

  it('reports a payload that is not CBOR', () => {
    const result = thingsmlLoraDecoder.decode(uplink({ payload: hexToBytes('0100E2') }));
    expect(result).toEqual({
      error: 'The payload is not valid CBOR: CBOR: 2 byte(s) follow the first item (at byte 1)',
    });
  });
});

describe('Raw LoRa payload (v2) and Extended (v2)', () => {
  it('forwards payload hex and port as in the reference example', () => {
    const result = rawLoraDecoder.decode(
      uplink({ payload: hexToBytes('4d985c495ac4d8c9682cfd'), fPort: 200 }),
    );
    expect(records(result)).toEqual([
      { n: `${URN}payload`, vs: '4D985C495AC4D8C9682CFD', t: NOW },
      { n: `${URN}port`, v: 200, t: NOW },
    ]);
  });

  it('leaves the port out when the network server did not give one', () => {
    expect(records(rawLoraDecoder.decode(uplink({ fPort: null }))).map((r) => r.n)).toEqual([
      `${URN}payload`,
    ]);
  });

  it('adds the ThingPark network metadata under its field names, numbers as numbers', () => {
    const up = lnsUplink('thingpark-deveui-uplink-string-typed');
    const base = 'urn:dev:DEVEUI:000000000F1D8693:';
    const byName = Object.fromEntries(
      records(rawLoraExtendedDecoder.decode(up)).map((r) => [r.n.slice(base.length), r.v ?? r.vs]),
    );
    expect(byName).toEqual({
      payload: '0027BD00',
      port: 2,
      FCntUp: 7011,
      FCntDn: 11,
      ADRbit: 1,
      LrrRSSI: -60,
      LrrSNR: 9.75,
      SpFact: 7,
      Channel: 'LC2',
      SubBand: 'G1',
      DevLrrCnt: 2,
      Lrrid: '08040059',
      DevAddr: '0405F519',
    });
  });

  it('gives what a ChirpStack uplink has, at the uplink time', () => {
    const up = lnsUplink('chirpstack-v4-up-event');
    const out = records(rawLoraExtendedDecoder.decode(up));
    expect(out.map((r) => r.n.split(':').at(-1))).toEqual([
      'payload',
      'port',
      'FCntUp',
      'ADRbit',
      'LrrRSSI',
      'LrrSNR',
      'SpFact',
      'DevLrrCnt',
      'Lrrid',
      'DevAddr',
    ]);
    expect(out.every((r) => r.t === up.receivedAt)).toBe(true);
  });
});

describe('Elsys ERS (v3)', () => {
  it('decodes a payload into records named after the device', () => {
    const result = elsysDecoder.decode(uplink({ payload: hexToBytes('0100E2022904002705061101') }));
    expect(records(result).map((r) => [r.n.slice(URN.length), r.v])).toEqual([
      ['temperature', 22.6],
      ['humidity', 41],
      ['illuminance', 39],
      ['motion', 6],
      ['occupancy', 1],
    ]);
  });

  it('keeps a partial read with its warning and calls an unreadable payload an error', () => {
    expect(elsysDecoder.decode(uplink({ payload: hexToBytes('0100E2FF0229') }))).toEqual({
      records: [{ n: `${URN}temperature`, u: 'Cel', v: 22.6, t: NOW }],
      warnings: ['unknown type 0x3F (header 0xFF) at byte 3: the remaining 3 byte(s) are not decoded'],
    });
    expect(elsysDecoder.decode(uplink({ payload: hexToBytes('FF') }))).toEqual({
      error:
        'Not an Elsys payload: unknown type 0x3F (header 0xFF) at byte 0: the remaining 1 byte(s) are not decoded',
    });
    expect(elsysDecoder.decode(uplink())).toEqual({ records: [] });
  });
});

describe('LoRa geolocation', () => {
  it('adds latitude, longitude and radius when the network located the device', () => {
    const located = uplink({
      metadata: { lns: 'thingpark', location: { lat: 52.0907, lng: 5.1214, accuracy: 120 } },
    });
    expect(records(loraGeolocationDecoder.decode(located))).toEqual([
      { n: `${URN}latitude`, u: 'lat', v: 52.0907, t: NOW },
      { n: `${URN}longitude`, u: 'lon', v: 5.1214, t: NOW },
      { n: `${URN}radius`, u: 'm', v: 120, t: NOW },
    ]);
  });

  it('adds nothing when there is no location, as for every uplink of the vectors', () => {
    for (const c of lnsVectors.cases) {
      expect(records(loraGeolocationDecoder.decode(lnsUplink(c.id)))).toEqual([]);
    }
  });
});
