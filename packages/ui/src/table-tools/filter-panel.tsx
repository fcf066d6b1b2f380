import {
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  Popover,
  Radio,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconFilter, IconSearch } from '@tabler/icons-react';
import { useId, useState } from 'react';
import {
  activeFilters,
  type DateRange,
  type DateRangeFilterDefinition,
  type FilterDefinition,
  type FilterValues,
  isDateRange,
  type OptionsFilterDefinition,
} from './filters.ts';

export interface FilterPanelProps {
  filters: readonly FilterDefinition[];
  value: FilterValues;
  /** The panel edits a draft; "Apply" hands it over. */
  onApply: (value: FilterValues) => void;
}

/** Long option lists get a search box so the one you want is a few keystrokes away. */
const SEARCH_FROM = 8;

function OptionsSection({
  filter,
  value,
  onChange,
}: {
  filter: OptionsFilterDefinition;
  value: readonly string[];
  onChange: (value: string[]) => void;
}) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const options = needle
    ? filter.options.filter((o) => o.label.toLowerCase().includes(needle))
    : filter.options;
  const multiple = filter.multiple ?? true;

  const list = multiple ? (
    <Checkbox.Group value={[...value]} onChange={onChange} aria-label={filter.label}>
      <Stack gap={6} py={2}>
        {options.map((option) => (
          <Checkbox key={option.value} size="xs" value={option.value} label={option.label} />
        ))}
      </Stack>
    </Checkbox.Group>
  ) : (
    <Radio.Group
      value={value[0] ?? ''}
      onChange={(next) => onChange(next === '' ? [] : [next])}
      aria-label={filter.label}
    >
      <Stack gap={6} py={2}>
        <Radio size="xs" value="" label="Any" />
        {options.map((option) => (
          <Radio key={option.value} size="xs" value={option.value} label={option.label} />
        ))}
      </Stack>
    </Radio.Group>
  );

  return (
    <Stack gap={6}>
      {filter.options.length > SEARCH_FROM && (
        <TextInput
          size="xs"
          aria-label={`Search ${filter.label.toLowerCase()}`}
          placeholder="Search"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      )}
      {filter.options.length === 0 ? (
        <Text size="xs" c="dimmed">
          Nothing to choose from
        </Text>
      ) : options.length === 0 ? (
        <Text size="xs" c="dimmed">
          No match
        </Text>
      ) : (
        <ScrollArea.Autosize mah={168} type="auto" offsetScrollbars>
          {list}
        </ScrollArea.Autosize>
      )}
    </Stack>
  );
}

function DateRangeSection({
  filter,
  value,
  onChange,
}: {
  filter: DateRangeFilterDefinition;
  value: DateRange;
  onChange: (value: DateRange) => void;
}) {
  const invalid = value.from && value.to && value.from > value.to;
  return (
    <Stack gap={6}>
      <TextInput
        size="xs"
        type="date"
        label="From"
        aria-label={`${filter.label} from`}
        value={value.from ?? ''}
        max={value.to}
        onChange={(event) => onChange({ ...value, from: event.currentTarget.value || undefined })}
      />
      <TextInput
        size="xs"
        type="date"
        label="To"
        aria-label={`${filter.label} to`}
        value={value.to ?? ''}
        min={value.from}
        error={invalid ? 'Ends before it starts' : undefined}
        onChange={(event) => onChange({ ...value, to: event.currentTarget.value || undefined })}
      />
    </Stack>
  );
}

/** Every filter of a table in one panel: ticks per value, dates for ranges, then "Apply". */
export function FilterPanel({ filters, value, onApply }: FilterPanelProps) {
  const [opened, setOpened] = useState(false);
  const [draft, setDraft] = useState<FilterValues>(value);
  const headingId = useId();
  const count = Object.keys(activeFilters(value)).length;
  const invalidRange = filters.some((f) => {
    const v = draft[f.id];
    return f.type === 'dateRange' && isDateRange(v) && v.from && v.to && v.from > v.to;
  });

  const open = () => {
    setDraft(value);
    setOpened(true);
  };
  const apply = () => {
    onApply(activeFilters(draft));
    setOpened(false);
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      shadow="md"
      width={`min(${Math.min(220 * Math.max(filters.length, 1), 680)}px, calc(100vw - 24px))`}
      trapFocus
      returnFocus
    >
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconFilter size={16} />}
          rightSection={
            count > 0 ? (
              <Badge size="xs" circle variant="filled">
                {count}
              </Badge>
            ) : undefined
          }
          onClick={() => (opened ? setOpened(false) : open())}
          aria-expanded={opened}
        >
          Filters
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="md" aria-labelledby={headingId} role="dialog">
        <Text id={headingId} fw={600} size="sm" mb="sm">
          Filters
        </Text>
        <SimpleGrid
          cols={{ base: 1, xs: 2, sm: Math.min(filters.length, 3) }}
          spacing="lg"
          verticalSpacing="md"
        >
          {filters.map((filter) => (
            <Box key={filter.id} component="fieldset" className="ot-filter-section">
              <Text component="legend" size="xs" fw={600} c="dimmed" tt="uppercase" mb={6}>
                {filter.label}
              </Text>
              {filter.type === 'options' ? (
                <OptionsSection
                  filter={filter}
                  value={(draft[filter.id] as readonly string[] | undefined) ?? []}
                  onChange={(next) => setDraft({ ...draft, [filter.id]: next })}
                />
              ) : (
                <DateRangeSection
                  filter={filter}
                  value={(draft[filter.id] as DateRange | undefined) ?? {}}
                  onChange={(next) => setDraft({ ...draft, [filter.id]: next })}
                />
              )}
            </Box>
          ))}
        </SimpleGrid>
        <Group justify="space-between" mt="md">
          <Button variant="subtle" size="xs" onClick={() => setDraft({})}>
            Clear all
          </Button>
          <Group gap="xs">
            <Button variant="default" size="xs" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button size="xs" onClick={apply} disabled={invalidRange}>
              Apply
            </Button>
          </Group>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
