import type { SenmlRecord } from '@openthings/domain';

/** What the user chose to send; absent sensors are left out of the pack. */
export interface Readings {
  location?: { latitude: number; longitude: number; accuracy?: number | null };
  /** Remaining battery, 0–100 %. */
  battery?: number;
  /** °C. */
  temperature?: number;
  custom?: { name: string; value: string; unit: string };
}

/** Names are appended to the device URN, so they may use only the characters SenML allows in names. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9:./_-]{0,63}$/;

export function customNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Enter a name';
  if (!NAME.test(name.trim()))
    return 'Use up to 64 letters, digits and : . / _ - (starting with a letter or digit)';
  return null;
}

export function customValueProblem(value: string): string | null {
  return value.trim() === '' ? 'Enter a value' : null;
}

/** A number is sent as `v`, true/false as `vb`, anything else as text (`vs`). */
function customValue(text: string): Pick<SenmlRecord, 'v' | 'vb' | 'vs'> {
  const trimmed = text.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return { v: Number(trimmed) };
  if (trimmed === 'true' || trimmed === 'false') return { vb: trimmed === 'true' };
  return { vs: trimmed };
}

/**
 * The SenML pack (RFC 8428) of one send, with ThingsML's measurement names and units: the first record
 * carries the device URN as base name and the time as base time (Unix seconds, milliseconds as the
 * fraction), so every record is measured "now".
 */
export function buildPack(urn: string, readings: Readings, now: Date): SenmlRecord[] {
  const records: SenmlRecord[] = [];
  if (readings.location) {
    records.push({ n: 'latitude', u: 'lat', v: readings.location.latitude });
    records.push({ n: 'longitude', u: 'lon', v: readings.location.longitude });
    const accuracy = readings.location.accuracy;
    if (accuracy !== undefined && accuracy !== null && Number.isFinite(accuracy))
      records.push({ n: 'radius', u: 'm', v: Math.round(accuracy) });
  }
  if (readings.battery !== undefined) records.push({ n: 'batteryLevel', u: '%EL', v: readings.battery });
  if (readings.temperature !== undefined)
    records.push({ n: 'temperature', u: 'Cel', v: readings.temperature });
  if (readings.custom) {
    const unit = readings.custom.unit.trim();
    records.push({
      n: readings.custom.name.trim(),
      ...(unit && { u: unit }),
      ...customValue(readings.custom.value),
    });
  }
  const [first, ...rest] = records;
  if (!first) return [];
  return [{ bn: urn, bt: now.getTime() / 1000, ...first }, ...rest];
}
