/**
 * Decoded record names are resolved (RFC 8428 §4.6): the device URN followed by the measurement. On the
 * device's own pages the URN says nothing new, so it is left out.
 */
export function measurementName(name: string, urn: string | null): string {
  return urn && name.startsWith(urn) && name.length > urn.length ? name.slice(urn.length) : name;
}

/** A SenML unit as people read it where one is well known (°C for Cel); otherwise the unit itself. */
export function unitText(unit: string | null | undefined): string {
  if (!unit) return '';
  return UNITS[unit] ?? unit;
}

const UNITS: Record<string, string> = {
  Cel: '°C',
  '%RH': '% RH',
  '%EL': '%',
  lat: '° lat',
  lon: '° lon',
  '/': '',
};

/** `21.5 °C`, `87%`, `true`, `open` — a record's value with its unit. */
export function valueText(value: number | string | boolean | undefined, unit?: string | null): string {
  if (value === undefined) return '—';
  const text =
    typeof value === 'number'
      ? new Intl.NumberFormat(undefined, { maximumFractionDigits: 6 }).format(value)
      : String(value);
  const unitPart = unitText(unit);
  if (unitPart === '') return text;
  return unitPart.startsWith('%') ? `${text}${unitPart}` : `${text} ${unitPart}`;
}
