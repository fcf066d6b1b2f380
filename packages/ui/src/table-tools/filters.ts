/** A filter a table offers: pick values from a list, or a date range. */
export type FilterDefinition = OptionsFilterDefinition | DateRangeFilterDefinition;

export interface FilterOption {
  value: string;
  label: string;
}

export interface OptionsFilterDefinition {
  id: string;
  label: string;
  type: 'options';
  options: readonly FilterOption[];
  /** Several values at once (checkboxes, the default) or just one (radio buttons). */
  multiple?: boolean;
}

export interface DateRangeFilterDefinition {
  id: string;
  label: string;
  type: 'dateRange';
}

/** Calendar days as `YYYY-MM-DD`; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

export type FilterValue = readonly string[] | DateRange;
/** The filters in force, by filter id. An absent or empty entry means "any". */
export type FilterValues = Readonly<Record<string, FilterValue | undefined>>;

export function isDateRange(value: FilterValue | undefined): value is DateRange {
  return value !== undefined && !Array.isArray(value);
}

/** Whether a value filters anything at all. */
export function isActive(value: FilterValue | undefined): boolean {
  if (value === undefined) return false;
  if (isDateRange(value)) return Boolean(value.from || value.to);
  return (value as readonly string[]).length > 0;
}

/** The values that filter something, without the empty ones. */
export function activeFilters(values: FilterValues): Record<string, FilterValue> {
  const out: Record<string, FilterValue> = {};
  for (const [id, value] of Object.entries(values))
    if (value !== undefined && isActive(value)) out[id] = value;
  return out;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** `2026-11-01` → "1 Nov 2026" in the reader's language (the day itself, whatever the time zone). */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : dayFormat.format(date);
}

export function dateRangeText(range: DateRange): string {
  if (range.from && range.to) return `${formatDay(range.from)} – ${formatDay(range.to)}`;
  if (range.from) return `since ${formatDay(range.from)}`;
  if (range.to) return `until ${formatDay(range.to)}`;
  return 'any time';
}
