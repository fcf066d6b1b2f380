import { describe, expect, it } from 'vitest';
import vectors from '../../test/vectors/elsys.json';
import { base64ToBytes, bytesToHex, hexToBytes } from '../shared/bytes.ts';
import { decodeElsys, ELSYS_RECORDS, type ElsysReading, parseElsys } from './elsys.ts';

const NOW = 1_700_000_000;
const URN = 'urn:dev:DEVEUI:A81758FFFE0312AB:';

interface ElsysCase {
  id: string;
  kind: string;
  input: { fPort: number; hex: string };
  expected: Record<string, unknown>;
  expected_per_vendor_doc?: Record<string, unknown>;
  input_base64?: string;
}
const cases = vectors.cases as ElsysCase[];

/**
 * Folds readings the way the vendor decoder builds its object: a later value of a field replaces the
 * earlier one, except externalTemperature2, which becomes an array when repeated, and grideye, which is
 * the array of its 64 pixels.
 */
function vendorObject(readings: ElsysReading[]) {
  const out: Record<string, unknown> = {};
  for (const r of readings) {
    if (r.field === 'grideyeRef') continue;
    if (r.field === 'grideye') {
      const pixels = (out.grideye as number[] | undefined) ?? [];
      pixels[r.index!] = r.value;
      out.grideye = pixels;
    } else if (r.field === 'externalTemperature2' && r.field in out) {
      out[r.field] = [out[r.field]].flat().concat(r.value);
    } else {
      out[r.field] = r.value;
    }
  }
  return out;
}

const byName = (hex: string) =>
  Object.fromEntries(
    decodeElsys(hexToBytes(hex), { receivedAt: NOW, baseName: '' }).records.map((r) => [r.n, r.v ?? r.vb]),
  );

describe('Elsys — every case of elsys.json', () => {
  it('has the documented cases', () => {
    expect(cases).toHaveLength(14);
  });

  for (const c of cases) {
    if (c.id === 'elsys-doc-1.3.1.3-temperature-offset-4byte') continue;
    it(`${c.id} gives the vendor decoder's values`, () => {
      const { readings } = parseElsys(hexToBytes(c.input.hex));
      expect(vendorObject(readings)).toEqual(c.expected);
      expect(readings.every((r) => r.offsetSeconds === 0)).toBe(true);
    });
  }

  it('elsys-doc-1.3.1.3: reads the 4 offset bytes the vendor document describes (elsys.js returns {})', () => {
    const c = cases.find((x) => x.id === 'elsys-doc-1.3.1.3-temperature-offset-4byte')!;
    expect(c.expected).toEqual({});
    const { readings, warnings } = parseElsys(hexToBytes(c.input.hex));
    expect(warnings).toEqual([]);
    expect(readings.map((r) => ({ [r.field]: r.value, offset_seconds: r.offsetSeconds }))).toEqual([
      c.expected_per_vendor_doc,
    ]);
    // A sample taken 24 h before reception carries that time.
    const { records } = decodeElsys(hexToBytes(c.input.hex), { receivedAt: NOW, baseName: URN });
    expect(records).toEqual([{ n: `${URN}temperature`, u: 'Cel', v: 20.5, t: NOW - 86400 }]);
  });

  it('realpayload-ers-co2-base64: the base64 and the hex are the same bytes', () => {
    const c = cases.find((x) => x.id === 'realpayload-ers-co2-base64')!;
    expect(bytesToHex(base64ToBytes(c.input_base64!))).toBe(c.input.hex.toLowerCase());
  });

  it('derived-unknown-type-stops: says where and why it stopped', () => {
    const { warnings } = parseElsys(hexToBytes('0100E2FF0229'));
    expect(warnings).toEqual([
      'unknown type 0x3F (header 0xFF) at byte 3: the remaining 3 byte(s) are not decoded',
    ]);
  });
});

describe('Elsys → SenML records as the reference platform names them', () => {
  it('names, units and scaling of an ERS CO2 payload', () => {
    const { records, warnings } = decodeElsys(hexToBytes('0100E7022104002405020601B0070E4D'), {
      receivedAt: NOW,
      baseName: URN,
    });
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      { n: `${URN}temperature`, u: 'Cel', v: 23.1, t: NOW },
      { n: `${URN}humidity`, u: '%RH', v: 33, t: NOW },
      { n: `${URN}illuminance`, u: 'lx', v: 36, t: NOW },
      { n: `${URN}motion`, u: 'count', v: 2, t: NOW },
      { n: `${URN}CO2Concentration`, u: 'ppm', v: 432, t: NOW },
      { n: `${URN}CO2`, u: 'ppm', v: 432, t: NOW },
      { n: `${URN}batteryVoltage`, u: 'V', v: 3.661, t: NOW },
    ]);
  });

  it('signed acceleration in m/s2 (63 = 1 g), as in the reference example 13.2311… for 85', () => {
    const values = byName('03FE0155');
    expect(values.accelerationX).toBeCloseTo((-2 * 9.80665) / 63, 12);
    expect(values.accelerationY).toBeCloseTo(9.80665 / 63, 12);
    expect(values.accelerationZ).toBeCloseTo(13.231194444444442, 12);
  });

  it('volts, metres, pascals and booleans from the vendor units', () => {
    expect(byName('08894C')).toEqual({ analog1: 35.148 });
    expect(byName('0E661E')).toEqual({ distance: 26.142 });
    expect(byName('1406010111')).toEqual({ pressure: 10072910.5 });
    expect(byName('0D011A00')).toEqual({ digitalExternal: true, digitalIn2: false });
    expect(byName('1B FFFFFC18'.replace(' ', ''))).toEqual({ analogExternal: -0.001 });
  });

  it('every type of the type table', () => {
    const payload = [
      '0100E2',
      '0229',
      '03FE0140',
      '040027',
      '0506',
      '060308',
      '070D62',
      '08894C',
      '09 102700 E0B1FF', // 1.0000°, -2.0000° little-endian signed / 10000
      '0A1101',
      '0BFFFFFFFF', // an absolute count at 2^32-1 stays positive
      '0CFF38',
      '0D01',
      '0E2311',
      '0F03',
      '10 00E9 00F9',
      '1102',
      '1211',
      `13 14 ${'05'.repeat(64)}`,
      '14000FB388', // 1029.000 hPa, the reference example's 102900 Pa
      '15502A',
      '160002',
      '1700000010',
      '18C087',
      '1900A3',
      '1A01',
      '1B000003E8',
      '1C0190',
      '3D DEADBEEF',
      '3E 03 140001',
    ]
      .join('')
      .replace(/\s/g, '');
    const { records, warnings } = decodeElsys(hexToBytes(payload), { receivedAt: NOW, baseName: '' });
    expect(warnings).toEqual(['sensor settings (0x3E) at byte 160 are not decoded']);
    const values = Object.fromEntries(records.map((r) => [r.n, r.v ?? r.vb]));
    expect(values).toMatchObject({
      temperature: 22.6,
      humidity: 41,
      illuminance: 39,
      motion: 6,
      CO2Concentration: 776,
      CO2: 776,
      batteryVoltage: 3.426,
      analog1: 35.148,
      latitude: 1,
      longitude: -2,
      pulse: 4353,
      pulseAbsolute: 4294967295,
      temperatureExternal1: -20,
      digitalExternal: true,
      distance: 8.977,
      accMotion: 3,
      temperatureIRInternal: 23.3,
      temperatureIRExternal: 24.9,
      occupancy: 2,
      waterLeak: 17,
      grideye: 20,
      'grideye0-0': 20.5,
      'grideye7-7': 20.5,
      pressure: 102900,
      soundPeak: 80,
      soundAverage: 42,
      pulse2: 2,
      pulseAbsolute2: 16,
      analog2: 49.287,
      temperatureExternal2: 16.3,
      digitalIn2: true,
      analogExternal: 0.001,
      tvoc: 400,
    });
    const names = new Set(records.map((r) => r.n));
    expect(ELSYS_RECORDS.map((r) => r.name).filter((n) => !names.has(n))).toEqual([]);
    expect(records.filter((r) => r.n.startsWith('grideye'))).toHaveLength(65);
  });

  it('stops at a cut-off group and keeps what came before', () => {
    const { records, warnings } = decodeElsys(hexToBytes('0100E20601'), { receivedAt: NOW, baseName: '' });
    expect(records.map((r) => r.n)).toEqual(['temperature']);
    expect(warnings).toEqual(['type 0x06 at byte 3 needs 2 data byte(s), 1 remain']);
    expect(parseElsys(hexToBytes('3E')).warnings).toEqual(['settings group at byte 0 has no length byte']);
    expect(parseElsys(hexToBytes('4100CD')).warnings).toEqual([
      'type 0x01 at byte 0 needs 3 data byte(s), 2 remain',
    ]);
  });

  it('reads 1- and 2-byte offsets and ages each sample separately', () => {
    const { records } = decodeElsys(hexToBytes('4100CD3C8100CE0E10'), { receivedAt: NOW, baseName: '' });
    expect(records.map((r) => [r.v, r.t])).toEqual([
      [20.5, NOW - 60],
      [20.6, NOW - 3600],
    ]);
  });

  it('lists each record it can produce once', () => {
    const names = ELSYS_RECORDS.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(ELSYS_RECORDS).toContainEqual({ name: 'digitalIn2', type: 'boolean' });
    expect(ELSYS_RECORDS).toContainEqual({ name: 'CO2Concentration', type: 'number', unit: 'ppm' });
  });
});
