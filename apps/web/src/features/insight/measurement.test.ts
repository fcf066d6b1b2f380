import { describe, expect, it } from 'vitest';
import { measurementName, valueText } from './measurement.ts';

const urn = 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:';

describe('measurementName', () => {
  it('leaves the device URN out of resolved names', () => {
    expect(measurementName(`${urn}temperature`, urn)).toBe('temperature');
  });

  it('keeps names of other devices, and the whole name when nothing follows the URN', () => {
    expect(measurementName('urn:dev:IMEI:1:temperature', urn)).toBe('urn:dev:IMEI:1:temperature');
    expect(measurementName(urn, urn)).toBe(urn);
    expect(measurementName('temperature', null)).toBe('temperature');
  });
});

describe('valueText', () => {
  it('writes values with the units people know', () => {
    expect(valueText(21.5, 'Cel')).toBe('21.5 °C');
    expect(valueText(87, '%EL')).toBe('87%');
    expect(valueText(52.0907, 'lat')).toBe('52.0907 ° lat');
    expect(valueText(3, 'V')).toBe('3 V');
    expect(valueText(true, null)).toBe('true');
    expect(valueText('open')).toBe('open');
    expect(valueText(undefined, 'Cel')).toBe('—');
  });
});
