import { SenmlError, type SenmlPack, type SenmlRecord } from './senml.schemas.ts';

/**
 * ThingsML = SenML plus one record field, the measurement index (`i_` in JSON, key 23 in CBOR), which
 * stands for a (name, unit) pair so that small devices send one byte instead of two strings.
 * Indices run -24..14 so that every one fits in a single CBOR byte.
 *
 * Source: kpn-iot/thingsml-c-library @ 9969c823a4aa1f7f8bc7291986299138c62fe12e,
 * src/senml/senml_enums.h (ThingsMLMeasurementIndex, SENML_NAME_*) and senml_enums.cpp (unit strings),
 * as collected in packages/domain/test/vectors/thingsml.json `field_table`. Where the C library departs from the SenML
 * units registry we follow the registry: ratio is "/" (the library writes "//") and sound is "dB".
 */
export interface ThingsmlField {
  index: number;
  name: string;
  /** null: the index has no unit; the record's own `u` or the pack's `bu` may supply one. */
  unit: string | null;
}

export const THINGSML_FIELDS: readonly ThingsmlField[] = [
  { index: -24, name: 'temperature', unit: 'Cel' },
  { index: -23, name: 'humidity', unit: '%RH' },
  { index: -22, name: 'latitude', unit: 'lat' },
  { index: -21, name: 'longitude', unit: 'lon' },
  { index: -20, name: 'altitude', unit: 'm' },
  { index: -19, name: 'power', unit: 'W' },
  { index: -18, name: 'pressure', unit: 'Pa' },
  { index: -17, name: 'angle', unit: 'rad' },
  { index: -16, name: 'length', unit: 'm' },
  { index: -15, name: 'breadth', unit: 'm' },
  { index: -14, name: 'height', unit: 'm' },
  { index: -13, name: 'weight', unit: 'kg' },
  { index: -12, name: 'thickness', unit: 'm' },
  { index: -11, name: 'distance', unit: 'm' },
  { index: -10, name: 'area', unit: 'm2' },
  { index: -9, name: 'volume', unit: 'm3' },
  { index: -8, name: 'velocity', unit: 'm/s' },
  { index: -7, name: 'electricCurrent', unit: 'A' },
  { index: -6, name: 'electricPotential', unit: 'V' },
  { index: -5, name: 'electricResistance', unit: 'Ohm' },
  { index: -4, name: 'illuminance', unit: 'lx' },
  { index: -3, name: 'accelerationX', unit: 'm/s2' },
  { index: -2, name: 'accelerationY', unit: 'm/s2' },
  { index: -1, name: 'accelerationZ', unit: 'm/s2' },
  { index: 0, name: 'heading', unit: 'rad' },
  { index: 1, name: 'COConcentration', unit: 'ppm' },
  { index: 2, name: 'CO2Concentration', unit: 'ppm' },
  { index: 3, name: 'sound', unit: 'dB' },
  { index: 4, name: 'frequency', unit: 'Hz' },
  { index: 5, name: 'batteryLevel', unit: '%EL' },
  { index: 6, name: 'batteryVoltage', unit: 'V' },
  { index: 7, name: 'radius', unit: 'm' },
  { index: 8, name: 'batteryLevelLow', unit: '/' },
  { index: 9, name: 'compassX', unit: 'T' },
  { index: 10, name: 'compassY', unit: 'T' },
  { index: 11, name: 'compassZ', unit: 'T' },
  { index: 12, name: 'readSwitch', unit: '/' },
  { index: 13, name: 'presence', unit: null },
  { index: 14, name: 'counter', unit: null },
];

const byIndex = new Map(THINGSML_FIELDS.map((f) => [f.index, f]));

export function thingsmlField(index: number): ThingsmlField | undefined {
  return byIndex.get(index);
}

/**
 * Replaces each record's `i_` by the name (and unit) it stands for, giving the plain SenML that
 * destinations receive. A record's own `u` wins over the index's unit (it is the more specific
 * statement); a record with both `i_` and `n` is ambiguous and refused.
 */
export function expandThingsml(pack: SenmlPack): SenmlPack {
  return pack.map((record, index) => expandRecord(record, index));
}

function expandRecord(record: SenmlRecord, index: number): SenmlRecord {
  if (record.i_ === undefined) return record;
  const { i_, ...rest } = record;
  const field = byIndex.get(i_);
  if (!field) throw new SenmlError(`i_ ${i_} is not a ThingsML measurement index (-24..14)`, index);
  if (rest.n !== undefined) {
    throw new SenmlError(
      `a record has either n or i_, not both (n ${JSON.stringify(rest.n)}, i_ ${i_})`,
      index,
    );
  }
  const expanded: SenmlRecord = { ...rest, n: field.name };
  if (rest.u === undefined && field.unit !== null) expanded.u = field.unit;
  return expanded;
}
