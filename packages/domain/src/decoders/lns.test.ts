import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/lns-uplinks.json';
import { bytesToHex } from '../shared/bytes.ts';
import { fromChirpStackUp, fromThingParkUplink, fromTtsUplink, normaliseLnsUplink } from './lns.ts';
import { isoToSeconds } from './lns-fields.ts';
import {
  type LoraUplink,
  LoraUplinkJsonSchema,
  loraUplinkFromJson,
  loraUplinkToJson,
} from './lora-uplink.ts';

const NOW = 1_700_000_000;

interface LnsCase {
  id: string;
  input: Record<string, unknown>;
  expected_extracted: Record<string, unknown> & { time: string };
}
const cases = vectors.cases as unknown as LnsCase[];

/** The cases wrap the body with its query string where the HTTP request has one. */
const bodyOf = (c: LnsCase) => ('body' in c.input ? c.input.body : c.input);

function normalised(body: unknown): LoraUplink {
  const result = normaliseLnsUplink(body, { now: NOW });
  if (!result.ok) throw new Error(result.error);
  return result.uplink;
}

/** Our uplink in the vocabulary of `expected_extracted`, for the keys each case lists. */
function extracted(uplink: LoraUplink, keys: string[]) {
  const all: Record<string, unknown> = {
    devEui: uplink.devEui,
    fPort: uplink.fPort,
    fCntUp: uplink.fCnt,
    fCnt: uplink.fCnt,
    payloadHex: bytesToHex(uplink.payload),
    rssi: uplink.metadata.rssi,
    snr: uplink.metadata.snr,
    bestGateway: uplink.metadata.bestGatewayId,
    gatewayCount: uplink.metadata.gatewayCount,
    devAddr: uplink.metadata.devAddr,
    decodedPayload: uplink.metadata.decodedPayload,
  };
  return Object.fromEntries(keys.map((k) => [k, all[k]]));
}

describe('normaliseLnsUplink — every case of lns-uplinks.json', () => {
  it('has the five documented cases', () => {
    expect(cases.map((c) => c.id)).toEqual([
      'thingpark-deveui-uplink-string-typed',
      'thingpark-deveui-uplink-with-tunnel-token',
      'thingpark-deveui-uplink-encrypted-payload',
      'chirpstack-v4-up-event',
      'tts-v3-uplink-message-webhook',
    ]);
  });

  for (const c of cases) {
    it(`extracts the common fields of ${c.id}`, () => {
      const uplink = normalised(bodyOf(c));
      const { time, ...expected } = c.expected_extracted;
      expect(extracted(uplink, Object.keys(expected))).toEqual(expected);
      // Date.parse reads milliseconds only; the nanosecond digits are checked below.
      const ms = Date.parse(time.replace(/(\.\d{3})\d+/, '$1'));
      expect(Math.abs(uplink.receivedAt - ms / 1000)).toBeLessThan(0.001);
      expect(LoraUplinkJsonSchema.safeParse(loraUplinkToJson(uplink)).success).toBe(true);
    });
  }

  it('reads the string-typed ThingPark form: numbers, flags, gateways and the best gateway position', () => {
    const uplink = normalised(bodyOf(cases[0]!));
    expect(uplink.metadata).toEqual({
      lns: 'thingpark',
      rssi: -60,
      snr: 9.75,
      sf: 7,
      devAddr: '0405F519',
      fCntDn: 11,
      adr: true,
      confirmed: true,
      ack: true,
      channel: 'LC2',
      subBand: 'G1',
      bestGatewayId: '08040059',
      gatewayCount: 2,
      gateways: [
        { id: '08040059', rssi: -60, snr: 9.75, lat: 48.874931, lng: 2.333673 },
        { id: '33d13a41', rssi: -73, snr: 9.75 },
      ],
    });
    // CustomerData.loc is the customer's note of where the device is, not a network fix.
    expect(uplink.metadata.location).toBeUndefined();
  });

  it('treats ThingPark 0/0 gateway coordinates as unknown and keeps the encrypted payload as is', () => {
    const uplink = normalised(bodyOf(cases[2]!));
    expect(uplink.metadata.gateways).toEqual([{ id: 'C0001565', rssi: -59, snr: 9.5 }]);
    expect(uplink.metadata.confirmed).toBe(false);
    expect(bytesToHex(uplink.payload)).toBe('6b349c7db3');
  });

  it('fills the ChirpStack protobuf defaults and keeps the nanoseconds of its time', () => {
    const uplink = normalised(bodyOf(cases[3]!));
    expect(uplink.fCnt).toBe(0);
    expect(uplink.metadata).toMatchObject({
      adr: false,
      confirmed: false,
      sf: 11,
      frequency: 867100000,
      dataRate: 1,
    });
    expect(uplink.receivedAt - Date.UTC(2022, 6, 18, 9, 34, 15) / 1000).toBeCloseTo(0.775023242, 6);
  });

  it('reads TTS settings (frequency as a string), leaves the missing f_port null and skips registry locations', () => {
    const uplink = normalised(bodyOf(cases[4]!));
    expect(uplink.fPort).toBeNull();
    expect(uplink.metadata).toMatchObject({
      sf: 7,
      frequency: 868300000,
      dataRate: 5,
      bestGatewayId: 'gtw1',
    });
    expect(uplink.metadata.location).toBeUndefined();
    expect(uplink.receivedAt - Date.UTC(2020, 1, 12, 15, 15, 46) / 1000).toBeCloseTo(0.014773143, 6);
  });
});

describe('normaliseLnsUplink — locations from the network', () => {
  it('takes ThingPark DevLAT/DevLON/DevLocRadius as the device position', () => {
    const body = {
      DevEUI_uplink: {
        DevEUI: '0016C001FF0000A7',
        FPort: '2',
        DevLAT: '52.0907',
        DevLON: '5.1214',
        DevLocRadius: 120,
      },
    };
    expect(normalised(body).metadata.location).toEqual({ lat: 52.0907, lng: 5.1214, accuracy: 120 });
  });

  it('takes a TTS location resolved by the network, with its source', () => {
    const tts = structuredClone(bodyOf(cases[4]!)) as {
      uplink_message: { locations: Record<string, unknown> };
    };
    tts.uplink_message.locations.lora = {
      latitude: 52.1,
      longitude: 5.2,
      accuracy: 300,
      source: 'SOURCE_LORA_TDOA_GEOLOCATION',
    };
    expect(normalised(tts).metadata.location).toEqual({
      lat: 52.1,
      lng: 5.2,
      accuracy: 300,
      source: 'SOURCE_LORA_TDOA_GEOLOCATION',
    });
  });
});

describe('normaliseLnsUplink — bad messages get a sentence', () => {
  it.each<[unknown, RegExp]>([
    [null, /Not a known LoRa uplink/],
    [{ hello: 1 }, /Not a known LoRa uplink/],
    [{ DevEUI_uplink: 'x' }, /DevEUI_uplink must be an object/],
    [{ DevEUI_uplink: { FPort: 1 } }, /DevEUI is missing/],
    [{ DevEUI_uplink: { DevEUI: '12345' } }, /DevEUI must be 16 hex digits/],
    [{ DevEUI_uplink: { DevEUI: '0016C001FF0000A7', FPort: 300 } }, /FPort must be 0–255/],
    [{ DevEUI_uplink: { DevEUI: '0016C001FF0000A7', payload_hex: 'abc' } }, /payload_hex: .*odd/],
    [{ DevEUI_uplink: { DevEUI: '0016C001FF0000A7', Time: 'yesterday' } }, /Time is not an ISO 8601 time/],
    [{ deviceInfo: { devEui: '0101010101010101' }, data: 'q g==' }, /data: .*invalid character/],
    [{ deviceInfo: {} }, /deviceInfo.devEui is missing/],
    [{ end_device_ids: {}, uplink_message: 1 }, /must be objects/],
  ])('%j → %s', (body, message) => {
    const result = normaliseLnsUplink(body, { now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(message);
  });

  it('uses now when the message carries no time, and an empty payload when it carries none', () => {
    const result = fromChirpStackUp({ deviceInfo: { devEui: '0101010101010101' } }, { now: NOW });
    expect(result).toEqual({
      ok: true,
      uplink: {
        devEui: '0101010101010101',
        fPort: 0,
        fCnt: 0,
        payload: new Uint8Array(),
        receivedAt: NOW,
        metadata: { lns: 'chirpstack', dataRate: 0, adr: false, confirmed: false, gatewayCount: 0 },
      },
    });
    expect(fromThingParkUplink({}, { now: NOW }).ok).toBe(false);
    expect(fromTtsUplink({}, { now: NOW }).ok).toBe(false);
  });
});

describe('isoToSeconds and the JSON form', () => {
  it.each<[string, number | undefined]>([
    ['1970-01-01T00:00:00Z', 0],
    ['2015-07-09T16:06:38.49+02:00', Date.UTC(2015, 6, 9, 14, 6, 38, 490) / 1000],
    ['2021-04-07T08:49:45.235+00:00', Date.UTC(2021, 3, 7, 8, 49, 45, 235) / 1000],
    ['2020-01-01T00:00:00-0130', Date.UTC(2020, 0, 1, 1, 30) / 1000],
    ['2020-13-01T00:00:00Z', undefined],
    ['2020-01-01', undefined],
    ['not a time', undefined],
  ])('%s → %s', (text, seconds) => {
    const got = isoToSeconds(text);
    if (seconds === undefined) expect(got).toBeUndefined();
    else expect(Math.abs(got! - seconds)).toBeLessThan(1e-6);
  });

  it('round-trips an uplink through its JSON form with the payload as hex', () => {
    const uplink = normalised(bodyOf(cases[1]!));
    const json = loraUplinkToJson(uplink);
    expect(json.payloadHex).toBe('032ce4850919d85d4c9f793ad148d24f32f3c6b5488f5a087cbeb1488f5a998c83ab');
    expect(loraUplinkFromJson(LoraUplinkJsonSchema.parse(JSON.parse(JSON.stringify(json))))).toEqual(uplink);
  });
});
