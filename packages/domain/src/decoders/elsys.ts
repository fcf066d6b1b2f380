import type { ResolvedSenmlRecord } from '../senml/senml.schemas.ts';
import type { DecoderRecordSpec } from './decoder.types.ts';

/**
 * Elsys ERS/ELT/EMS payloads: a run of groups, each a header byte and its data, multi-byte values
 * big-endian. Header = NOB (bits 7–6: 0, 1, 2 or 4 offset bytes after the data, the sample's age in
 * seconds) + STYPE (bits 5–0). Sources: Elsys "Elsys sensors payload" v1.10 (2019-02-20) for the header
 * and the type table; the vendor's decoder (elsys.js, as in TheThingsNetwork/lorawan-devices) for field
 * names and scaling. Collected with worked examples in packages/domain/test/vectors/elsys.json.
 *
 * Where the vendor decoder falls short we follow the vendor document: NOB offsets are read (elsys.js
 * treats 0xC1 as an unknown type and returns nothing), absolute pulse counts are unsigned 32-bit
 * (elsys.js turns counts ≥ 2^31 negative), debug (0x3D) and settings (0x3E) groups are skipped by
 * their size instead of ending the payload. GPS (0x09) is read as the current Elsys decoder and its
 * copies do: little-endian signed 24-bit / 10000 degrees (the older elsys.js reads big-endian raw
 * integers, which are not degrees).
 */

export interface ElsysReading {
  /** STYPE of the group it came from. */
  type: number;
  /** The vendor decoder's field name (`temperature`, `vdd`, `pulseAbs`, …). */
  field: string;
  /** Value in the vendor decoder's units (°C, mV, hPa, raw acceleration where 63 = 1 g, …). */
  value: number;
  /** The integer read from the payload, before scaling. */
  raw: number;
  /** Pixel number 0–63 for the grideye image. */
  index?: number;
  /** Seconds before reception at which the sample was taken (0 = at reception). */
  offsetSeconds: number;
}

export interface ElsysParse {
  readings: ElsysReading[];
  /** Why decoding stopped early or what was skipped, for the uplink's history. */
  warnings: string[];
}

type Read = (bytes: Uint8Array, at: number) => [field: string, raw: number, value: number, index?: number][];

const u8 = (b: Uint8Array, at: number) => b[at]!;
const i8 = (b: Uint8Array, at: number) => (b[at]! << 24) >> 24;
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const i16 = (b: Uint8Array, at: number) => (u16(b, at) << 16) >> 16;
const u32 = (b: Uint8Array, at: number) => u16(b, at) * 65536 + u16(b, at + 2);
const i32 = (b: Uint8Array, at: number) =>
  (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
const i24le = (b: Uint8Array, at: number) => ((b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) << 8) >> 8;

const one =
  (field: string, read: (b: Uint8Array, at: number) => number, scale = 1): Read =>
  (b, at) => {
    const raw = read(b, at);
    return [[field, raw, raw / scale]];
  };

/** Data size and reader per STYPE, as in the type table of the vendor document. */
const TYPES = new Map<number, { size: number; read: Read }>([
  [0x01, { size: 2, read: one('temperature', i16, 10) }],
  [0x02, { size: 1, read: one('humidity', u8) }],
  [0x03, { size: 3, read: (b, at) => ['x', 'y', 'z'].map((f, k) => [f, i8(b, at + k), i8(b, at + k)]) }],
  [0x04, { size: 2, read: one('light', u16) }],
  [0x05, { size: 1, read: one('motion', u8) }],
  [0x06, { size: 2, read: one('co2', u16) }],
  [0x07, { size: 2, read: one('vdd', u16) }],
  [0x08, { size: 2, read: one('analog1', u16) }],
  [
    0x09,
    {
      size: 6,
      read: (b, at) => [
        ['lat', i24le(b, at), i24le(b, at) / 10000],
        ['long', i24le(b, at + 3), i24le(b, at + 3) / 10000],
      ],
    },
  ],
  [0x0a, { size: 2, read: one('pulse1', u16) }],
  [0x0b, { size: 4, read: one('pulseAbs', u32) }],
  [0x0c, { size: 2, read: one('externalTemperature', i16, 10) }],
  [0x0d, { size: 1, read: one('digital', u8) }],
  [0x0e, { size: 2, read: one('distance', u16) }],
  [0x0f, { size: 1, read: one('accMotion', u8) }],
  [
    0x10,
    {
      size: 4,
      read: (b, at) => [
        ['irInternalTemperature', i16(b, at), i16(b, at) / 10],
        ['irExternalTemperature', i16(b, at + 2), i16(b, at + 2) / 10],
      ],
    },
  ],
  [0x11, { size: 1, read: one('occupancy', u8) }],
  [0x12, { size: 1, read: one('waterleak', u8) }],
  [
    0x13,
    {
      // A reference temperature byte, then 8 × 8 pixels of reference + byte / 10 °C.
      size: 65,
      read: (b, at) => [
        ['grideyeRef', u8(b, at), u8(b, at)],
        ...Array.from({ length: 64 }, (_, k): [string, number, number, number] => {
          const raw = u8(b, at + 1 + k);
          return ['grideye', raw, u8(b, at) + raw / 10, k];
        }),
      ],
    },
  ],
  [0x14, { size: 4, read: one('pressure', u32, 1000) }],
  [
    0x15,
    {
      size: 2,
      read: (b, at) => [
        ['soundPeak', u8(b, at), u8(b, at)],
        ['soundAvg', u8(b, at + 1), u8(b, at + 1)],
      ],
    },
  ],
  [0x16, { size: 2, read: one('pulse2', u16) }],
  [0x17, { size: 4, read: one('pulseAbs2', u32) }],
  [0x18, { size: 2, read: one('analog2', u16) }],
  [0x19, { size: 2, read: one('externalTemperature2', i16, 10) }],
  [0x1a, { size: 1, read: one('digital2', u8) }],
  [0x1b, { size: 4, read: one('analogUv', i32) }],
  [0x1c, { size: 2, read: one('tvoc', u16) }],
  // Debug information whose layout is device specific: skipped, nothing to report.
  [0x3d, { size: 4, read: () => [] }],
]);

const SETTINGS = 0x3e;
const OFFSET_BYTES = [0, 1, 2, 4];

const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

/** Reads every group it can; an unknown type or a cut-off group ends the payload with a warning. */
export function parseElsys(bytes: Uint8Array): ElsysParse {
  const readings: ElsysReading[] = [];
  const warnings: string[] = [];
  let at = 0;
  while (at < bytes.length) {
    const header = bytes[at]!;
    const type = header & 0x3f;
    const offsetBytes = OFFSET_BYTES[header >> 6]!;
    let size: number;
    let read: Read = () => [];
    if (type === SETTINGS) {
      // Sensor settings (sent at start-up): a length byte, then that many bytes of settings TLV.
      if (at + 1 >= bytes.length) {
        warnings.push(`settings group at byte ${at} has no length byte`);
        break;
      }
      size = 1 + bytes[at + 1]!;
      warnings.push(`sensor settings (${hex2(SETTINGS)}) at byte ${at} are not decoded`);
    } else {
      const spec = TYPES.get(type);
      if (!spec) {
        warnings.push(
          `unknown type ${hex2(type)} (header ${hex2(header)}) at byte ${at}: the remaining ${bytes.length - at} byte(s) are not decoded`,
        );
        break;
      }
      size = spec.size;
      read = spec.read;
    }
    const end = at + 1 + size + offsetBytes;
    if (end > bytes.length) {
      warnings.push(
        `type ${hex2(type)} at byte ${at} needs ${size + offsetBytes} data byte(s), ${bytes.length - at - 1} remain`,
      );
      break;
    }
    let offsetSeconds = 0;
    for (let k = 0; k < offsetBytes; k++) offsetSeconds = offsetSeconds * 256 + bytes[at + 1 + size + k]!;
    for (const [field, raw, value, index] of read(bytes, at + 1)) {
      readings.push({ type, field, value, raw, offsetSeconds, ...(index === undefined ? {} : { index }) });
    }
    at = end;
  }
  return { readings, warnings };
}

/** Vendor field → SenML record(s) named as the reference platform's "Elsys ERS (v3)" decoder. */
interface Target {
  name: string;
  unit?: string;
  type: 'number' | 'boolean';
  /** SenML value from the raw integer (exact where the vendor unit would round twice). */
  value: (raw: number, reading: ElsysReading) => number;
}
const STANDARD_GRAVITY = 9.80665;
const N = (name: string, unit: string, value: Target['value']): Target => ({
  name,
  unit,
  type: 'number',
  value,
});
const B = (name: string): Target => ({ name, type: 'boolean', value: (raw) => raw });
const tenths = (raw: number) => raw / 10;
const milli = (raw: number) => raw / 1000;
const same = (raw: number) => raw;
// 63 = 1 g (vendor table); the reference platform reports m/s2.
const acceleration = (raw: number) => (raw * STANDARD_GRAVITY) / 63;
const pixelName = (k: number) => `grideye${Math.floor(k / 8)}-${k % 8}`;

const TARGETS: Record<string, Target[]> = {
  temperature: [N('temperature', 'Cel', tenths)],
  humidity: [N('humidity', '%RH', same)],
  x: [N('accelerationX', 'm/s2', acceleration)],
  y: [N('accelerationY', 'm/s2', acceleration)],
  z: [N('accelerationZ', 'm/s2', acceleration)],
  light: [N('illuminance', 'lx', same)],
  motion: [N('motion', 'count', same)],
  // CO2 repeats CO2Concentration for receivers of the older decoder, as the reference platform does.
  co2: [N('CO2Concentration', 'ppm', same), N('CO2', 'ppm', same)],
  vdd: [N('batteryVoltage', 'V', milli)],
  analog1: [N('analog1', 'V', milli)],
  lat: [N('latitude', 'lat', (raw) => raw / 10000)],
  long: [N('longitude', 'lon', (raw) => raw / 10000)],
  pulse1: [N('pulse', 'count', same)],
  pulseAbs: [N('pulseAbsolute', 'count', same)],
  externalTemperature: [N('temperatureExternal1', 'Cel', tenths)],
  digital: [B('digitalExternal')],
  distance: [N('distance', 'm', milli)],
  accMotion: [N('accMotion', 'count', same)],
  irInternalTemperature: [N('temperatureIRInternal', 'Cel', tenths)],
  irExternalTemperature: [N('temperatureIRExternal', 'Cel', tenths)],
  occupancy: [N('occupancy', 'count', same)],
  waterleak: [N('waterLeak', 'count', same)],
  grideyeRef: [N('grideye', 'Cel', same)],
  // Named per pixel (grideye<row>-<column>) when the record is made.
  grideye: [N('grideye', 'Cel', (_raw, r) => r.value)],
  pressure: [N('pressure', 'Pa', tenths)], // raw is 1/1000 hPa = 1/10 Pa
  soundPeak: [N('soundPeak', 'dB', same)],
  soundAvg: [N('soundAverage', 'dB', same)],
  pulse2: [N('pulse2', 'count', same)],
  pulseAbs2: [N('pulseAbsolute2', 'count', same)],
  analog2: [N('analog2', 'V', milli)],
  externalTemperature2: [N('temperatureExternal2', 'Cel', tenths)],
  digital2: [B('digitalIn2')],
  // Not named by the reference platform; analog1/analog2 are volts, so this one is too.
  analogUv: [N('analogExternal', 'V', (raw) => raw / 1_000_000)],
  tvoc: [N('tvoc', 'ppb', same)],
};

/** Record names, types and units this decoder can produce (the catalogue shows them). */
export const ELSYS_RECORDS: DecoderRecordSpec[] = (() => {
  const byName = new Map<string, DecoderRecordSpec>();
  for (const t of Object.values(TARGETS).flat()) {
    byName.set(
      t.name,
      t.unit === undefined ? { name: t.name, type: t.type } : { name: t.name, type: t.type, unit: t.unit },
    );
  }
  for (let k = 0; k < 64; k++) byName.set(pixelName(k), { name: pixelName(k), type: 'number', unit: 'Cel' });
  return [...byName.values()];
})();

/**
 * Elsys payload → resolved SenML records named `<baseName><name>`, each at `receivedAt` minus its
 * sample's offset. Unknown or cut-off groups end decoding; the reasons come back as warnings.
 */
export function decodeElsys(
  bytes: Uint8Array,
  context: { receivedAt: number; baseName: string },
): { records: ResolvedSenmlRecord[]; warnings: string[] } {
  const { readings, warnings } = parseElsys(bytes);
  const records: ResolvedSenmlRecord[] = [];
  for (const reading of readings) {
    for (const target of TARGETS[reading.field] ?? []) {
      const name = reading.index === undefined ? target.name : pixelName(reading.index);
      const value = target.value(reading.raw, reading);
      const record: ResolvedSenmlRecord = {
        n: context.baseName + name,
        t: context.receivedAt - reading.offsetSeconds,
      };
      if (target.unit !== undefined) record.u = target.unit;
      if (target.type === 'boolean') record.vb = value !== 0;
      else record.v = value;
      records.push(record);
    }
  }
  return { records, warnings };
}
