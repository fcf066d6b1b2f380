import { Button, CloseButton, Group, Pill } from '@mantine/core';
import { dateRangeText, type FilterDefinition, type FilterValues, isActive, isDateRange } from './filters.ts';

export interface FilterChipsProps {
  filters: readonly FilterDefinition[];
  value: FilterValues;
  onChange: (value: FilterValues) => void;
}

interface Chip {
  key: string;
  label: string;
  remove: () => FilterValues;
}

/** One chip per chosen value ("Status: Active"), each removable, so several values can go one by one. */
export function filterChips(filters: readonly FilterDefinition[], value: FilterValues): Chip[] {
  const chips: Chip[] = [];
  for (const filter of filters) {
    const current = value[filter.id];
    if (!isActive(current)) continue;
    if (filter.type === 'dateRange' && isDateRange(current)) {
      chips.push({
        key: filter.id,
        label: `${filter.label}: ${dateRangeText(current)}`,
        remove: () => ({ ...value, [filter.id]: undefined }),
      });
    } else if (filter.type === 'options' && Array.isArray(current)) {
      const values = current as readonly string[];
      for (const v of values) {
        const option = filter.options.find((o) => o.value === v);
        chips.push({
          key: `${filter.id}:${v}`,
          label: `${filter.label}: ${option?.label ?? v}`,
          remove: () => {
            const rest = values.filter((x) => x !== v);
            return { ...value, [filter.id]: rest.length > 0 ? rest : undefined };
          },
        });
      }
    }
  }
  return chips;
}

/** The filters in force, above the table: remove one, or "Reset" them all. Nothing when none. */
export function FilterChips({ filters, value, onChange }: FilterChipsProps) {
  const chips = filterChips(filters, value);
  if (chips.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap" role="group" aria-label="Filters in use" className="ot-filter-chips">
      {chips.map((chip) => (
        <Pill key={chip.key} size="md" className="ot-filter-chip">
          <Group gap={2} wrap="nowrap" component="span">
            <span>{chip.label}</span>
            <CloseButton
              size="xs"
              variant="transparent"
              aria-label={`Remove filter ${chip.label}`}
              onClick={() => onChange(chip.remove())}
            />
          </Group>
        </Pill>
      ))}
      <Button variant="subtle" size="compact-xs" onClick={() => onChange({})}>
        Reset
      </Button>
    </Group>
  );
}
