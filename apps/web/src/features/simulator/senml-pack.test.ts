import { resolveSenml } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { buildPack, customNameProblem } from './senml-pack.ts';

const urn = 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:';
const now = new Date('2026-03-01T12:00:00.250Z');

describe('buildPack', () => {
  it('puts the device URN and the time on the first record, ThingsML names and units on every one', () => {
    const pack = buildPack(
      urn,
      { location: { latitude: 52.0907, longitude: 5.1214, accuracy: 12.4 }, battery: 87, temperature: 21.5 },
      now,
    );
    expect(pack).toEqual([
      { bn: urn, bt: 1772366400.25, n: 'latitude', u: 'lat', v: 52.0907 },
      { n: 'longitude', u: 'lon', v: 5.1214 },
      { n: 'radius', u: 'm', v: 12 },
      { n: 'batteryLevel', u: '%EL', v: 87 },
      { n: 'temperature', u: 'Cel', v: 21.5 },
    ]);
  });

  it('sends only the sensors chosen', () => {
    expect(buildPack(urn, { temperature: -3 }, now)).toEqual([
      { bn: urn, bt: 1772366400.25, n: 'temperature', u: 'Cel', v: -3 },
    ]);
    expect(buildPack(urn, {}, now)).toEqual([]);
  });

  it('sends a custom measurement as a number, true/false or text, with its unit when given', () => {
    const custom = (value: string, unit = '') =>
      buildPack(urn, { custom: { name: 'door', value, unit } }, now)[0];
    expect(custom(' 42.5 ', 'm')).toMatchObject({ n: 'door', u: 'm', v: 42.5 });
    expect(custom('true')).toMatchObject({ n: 'door', vb: true });
    expect(custom('open')).toMatchObject({ n: 'door', vs: 'open' });
    expect(custom('open')).not.toHaveProperty('u');
  });

  it('builds packs the platform resolves into the device’s records', () => {
    const pack = buildPack(urn, { battery: 50, custom: { name: 'level', value: '3', unit: 'm' } }, now);
    const records = resolveSenml(pack, { now: now.getTime() / 1000 });
    expect(records.map((r) => [r.n, r.v, r.u])).toEqual([
      [`${urn}batteryLevel`, 50, '%EL'],
      [`${urn}level`, 3, 'm'],
    ]);
  });
});

describe('customNameProblem', () => {
  it('takes names SenML allows after the base name', () => {
    expect(customNameProblem('co2_ppm')).toBeNull();
    expect(customNameProblem('room/1:door')).toBeNull();
    expect(customNameProblem('')).toBe('Enter a name');
    expect(customNameProblem('two words')).not.toBeNull();
    expect(customNameProblem('-dash')).not.toBeNull();
  });
});
