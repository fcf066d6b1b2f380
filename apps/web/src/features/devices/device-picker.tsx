import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { devicesQueries } from './devices.api.ts';

export interface DevicePickerProps {
  value: string | null;
  onChange: (deviceId: string | null) => void;
  label: string;
  description?: string;
  error?: string | null;
  /** Only devices on this network, e.g. M2M for a SIM. */
  networkType?: 'LORA' | 'M2M' | 'INTERNET';
}

/** Find a device by name or identifier, as you type (the server searches). */
export function DevicePicker({ value, onChange, label, description, error, networkType }: DevicePickerProps) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  // Once a device is chosen the box shows its label: that is not a search.
  const [query] = useDebouncedValue(search === chosen?.label ? '' : search.trim(), 250);
  const devices = useQuery(
    devicesQueries.list({ q: query || undefined, networkType, limit: 20, sort: 'name' }),
  );
  const found = (devices.data?.data ?? []).map((d) => ({
    value: d.id,
    label: d.primaryIdentifier ? `${d.name} · ${d.primaryIdentifier}` : d.name,
  }));
  const options = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={label}
      description={description}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched the text (name or identifier): show what it found.
      filter={({ options: all }) => all}
      data={options}
      value={value}
      onChange={(next, option) => {
        setChosen(next && option ? { value: option.value, label: option.label } : null);
        onChange(next);
      }}
      placeholder="Type a name or identifier"
      nothingFoundMessage={devices.isFetching ? 'Searching…' : 'No matching device'}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
