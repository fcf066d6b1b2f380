import { z } from 'zod';
import { deviceUrn } from '../devices/identifiers.ts';
import { resolveSenml } from '../senml/resolve.ts';
import type { ResolvedSenmlRecord } from '../senml/senml.schemas.ts';
import { senmlFromCbor } from '../senml/senml-cbor.ts';
import { bytesToHex } from '../shared/bytes.ts';
import type { DecodeResult, Decoder, DecoderRecordSpec } from './decoder.types.ts';
import { decodeElsys, ELSYS_RECORDS } from './elsys.ts';
import type { LoraUplink } from './lora-uplink.ts';

/**
 * The built-in decoders. Their ids are fixed forever (flows store them); a changed behaviour gets a
 * new decoder with a new id and version, as the reference platform does with its "(v2)" decoders.
 * Every decoder names its records after the device URN (`urn:dev:DEVEUI:<DevEUI>:temperature`), the
 * same full names a SenML device produces with its `bn`, so all records resolve alike.
 */

/** A decoder never throws: whatever goes wrong becomes the error stored with the uplink. */
function safely(run: () => DecodeResult): DecodeResult {
  try {
    return run();
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const loraBaseName = (uplink: LoraUplink) => deviceUrn('LORA', uplink.devEui);

type Value = { v: number } | { vs: string } | { vb: boolean };
function record(uplink: LoraUplink, name: string, value: Value, unit?: string): ResolvedSenmlRecord {
  return {
    n: loraBaseName(uplink) + name,
    ...(unit === undefined ? {} : { u: unit }),
    ...value,
    t: uplink.receivedAt,
  };
}

export const senmlPassthroughDecoder: Decoder<'senml'> = {
  id: '3bba7d63-f98e-47e7-a836-92ad6ca26c2f',
  name: 'SenML/ThingsML passthrough',
  version: 1,
  description:
    'Takes the SenML JSON the device sent and resolves it: base name, time, unit and value applied, times ' +
    'made absolute. ThingsML measurement indices (i_) become their name and unit. The records depend ' +
    'entirely on what the device sends.',
  inputKind: 'senml',
  expectedRecords: [],
  decode: (input) =>
    safely(() => ({
      records: resolveSenml(input.pack, {
        now: input.receivedAt,
        ...(input.baseName === undefined ? {} : { baseName: input.baseName }),
      }),
    })),
};

export const thingsmlLoraDecoder: Decoder<'lora'> = {
  id: '68fc25ed-c701-46d9-9061-db3ec778ad0a',
  name: 'ThingsML for LoRa',
  version: 1,
  description:
    'Decodes a ThingsML pack sent in its CBOR encoding (measurement index under key 23) into resolved SenML. ' +
    'Records without a base name are named after the device. The records depend on what the device sends.',
  inputKind: 'lora',
  expectedRecords: [],
  decode: (uplink) =>
    safely(() => ({
      records: resolveSenml(senmlFromCbor(uplink.payload), {
        now: uplink.receivedAt,
        baseName: loraBaseName(uplink),
      }),
    })),
};

const RAW_RECORDS: DecoderRecordSpec[] = [
  { name: 'payload', type: 'string', description: 'The LoRa payload as upper-case hex' },
  { name: 'port', type: 'number', description: 'The LoRa port (FPort) of the uplink' },
];

function rawRecords(uplink: LoraUplink): ResolvedSenmlRecord[] {
  // Upper-case hex as the reference platform sends it ("4D985C495AC4D8C9682CFD").
  const records = [record(uplink, 'payload', { vs: bytesToHex(uplink.payload).toUpperCase() })];
  if (uplink.fPort !== null) records.push(record(uplink, 'port', { v: uplink.fPort }));
  return records;
}

export const rawLoraDecoder: Decoder<'lora'> = {
  id: '4bfbe16b-07c1-4217-85f0-4ac03a1ee76e',
  name: 'Raw LoRa payload (v2)',
  version: 2,
  description: 'Forwards the raw LoRa payload (hex) and port number without decoding.',
  inputKind: 'lora',
  expectedRecords: RAW_RECORDS,
  decode: (uplink) => safely(() => ({ records: rawRecords(uplink) })),
};

/**
 * Network metadata under ThingPark's field names, as the reference platform forwards them (its v2 made
 * LrrRSSI and LrrSNR numbers). Each record appears only when the network server reported the value.
 */
const EXTENDED: { spec: DecoderRecordSpec; value: (u: LoraUplink) => Value | undefined }[] = [
  { spec: { name: 'FCntUp', type: 'number' }, value: (u) => num(u.fCnt) },
  { spec: { name: 'FCntDn', type: 'number' }, value: (u) => num(u.metadata.fCntDn) },
  { spec: { name: 'ADRbit', type: 'number' }, value: (u) => num(bit(u.metadata.adr)) },
  { spec: { name: 'LrrRSSI', type: 'number' }, value: (u) => num(u.metadata.rssi) },
  { spec: { name: 'LrrSNR', type: 'number' }, value: (u) => num(u.metadata.snr) },
  { spec: { name: 'SpFact', type: 'number' }, value: (u) => num(u.metadata.sf) },
  { spec: { name: 'Channel', type: 'string' }, value: (u) => text(u.metadata.channel) },
  { spec: { name: 'SubBand', type: 'string' }, value: (u) => text(u.metadata.subBand) },
  { spec: { name: 'DevLrrCnt', type: 'number' }, value: (u) => num(u.metadata.gatewayCount) },
  { spec: { name: 'Lrrid', type: 'string' }, value: (u) => text(u.metadata.bestGatewayId) },
  { spec: { name: 'DevAddr', type: 'string' }, value: (u) => text(u.metadata.devAddr) },
];
const num = (v: number | undefined): Value | undefined => (v === undefined ? undefined : { v });
const text = (vs: string | undefined): Value | undefined => (vs === undefined ? undefined : { vs });
const bit = (b: boolean | undefined) => (b === undefined ? undefined : b ? 1 : 0);

export const rawLoraExtendedDecoder: Decoder<'lora'> = {
  id: '67013ca7-c544-4dc5-9d2b-6a03977fa6d2',
  name: 'Raw LoRa payload Extended (v2)',
  version: 2,
  description:
    'Forwards the raw LoRa payload and port with the LoRa network metadata (frame counters, ADR bit, RSSI, ' +
    'SNR, spreading factor, channel, gateway count and best gateway) without decoding.',
  inputKind: 'lora',
  expectedRecords: [...RAW_RECORDS, ...EXTENDED.map((e) => e.spec)],
  decode: (uplink) =>
    safely(() => {
      const records = rawRecords(uplink);
      for (const { spec, value } of EXTENDED) {
        const v = value(uplink);
        if (v !== undefined) records.push(record(uplink, spec.name, v));
      }
      return { records };
    }),
};

export const elsysDecoder: Decoder<'lora'> = {
  id: '56aee4b1-75b2-4967-a13a-7e174d418015',
  name: 'Elsys ERS (v3)',
  version: 3,
  description:
    'Decodes Elsys ERS, ELT and EMS payloads: temperature, humidity, light, motion, CO2, battery, ' +
    'acceleration, pulses, sound, pressure, grideye and more, with sample offsets as negative times.',
  inputKind: 'lora',
  expectedRecords: ELSYS_RECORDS,
  decode: (uplink) =>
    safely(() => {
      const { records, warnings } = decodeElsys(uplink.payload, {
        receivedAt: uplink.receivedAt,
        baseName: loraBaseName(uplink),
      });
      // Nothing readable at all is an error worth showing; a partial read keeps its records.
      if (records.length === 0 && warnings.length > 0)
        return { error: `Not an Elsys payload: ${warnings[0]}` };
      return warnings.length > 0 ? { records, warnings } : { records };
    }),
};

export const loraGeolocationDecoder: Decoder<'lora'> = {
  id: 'ba392b62-215b-4c6f-af55-b2d961a2f80d',
  name: 'LoRa geolocation',
  version: 1,
  description:
    'Adds the location the LoRa network calculated for the uplink (latitude, longitude, radius), when it ' +
    'calculated one; adds nothing otherwise.',
  inputKind: 'lora',
  expectedRecords: [
    { name: 'latitude', type: 'number', unit: 'lat' },
    { name: 'longitude', type: 'number', unit: 'lon' },
    { name: 'radius', type: 'number', unit: 'm', description: 'Expected accuracy of the location' },
  ],
  decode: (uplink) =>
    safely(() => {
      const location = uplink.metadata.location;
      if (!location) return { records: [] };
      const records = [
        record(uplink, 'latitude', { v: location.lat }, 'lat'),
        record(uplink, 'longitude', { v: location.lng }, 'lon'),
      ];
      if (location.accuracy !== undefined)
        records.push(record(uplink, 'radius', { v: location.accuracy }, 'm'));
      return { records };
    }),
};

export type BuiltInDecoder = Decoder<'senml'> | Decoder<'lora'>;

export const BUILT_IN_DECODERS: readonly BuiltInDecoder[] = [
  senmlPassthroughDecoder,
  thingsmlLoraDecoder,
  rawLoraDecoder,
  rawLoraExtendedDecoder,
  elsysDecoder,
  loraGeolocationDecoder,
];

export function findBuiltInDecoder(id: string): BuiltInDecoder | undefined {
  return BUILT_IN_DECODERS.find((d) => d.id === id);
}

/** What the API and the portal show of a decoder (everything but the code). */
export const DecoderInfoSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int().positive(),
  description: z.string(),
  inputKind: z.enum(['senml', 'lora']),
  expectedRecords: z.array(
    z.object({
      name: z.string(),
      type: z.enum(['number', 'string', 'boolean', 'data']),
      unit: z.string().optional(),
      description: z.string().optional(),
    }),
  ),
});
export type DecoderInfo = z.infer<typeof DecoderInfoSchema>;

export function decoderInfo(decoder: BuiltInDecoder): DecoderInfo {
  const { decode: _decode, ...info } = decoder;
  return info;
}
