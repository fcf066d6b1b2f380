import { Select } from '@mantine/core';
import { IconFolder } from '@tabler/icons-react';

export interface ProjectPickerProps {
  projects: readonly { id: string; name: string }[] | undefined;
  /** `null`: all projects. */
  value: string | null;
  onChange: (projectId: string | null) => void;
  w?: number | string;
}

/** Empty works across all projects; a chosen project narrows menu and data to it. */
export function ProjectPicker({ projects, value, onChange, w = 240 }: ProjectPickerProps) {
  const known = value !== null && projects?.some((p) => p.id === value) ? value : null;
  return (
    <Select
      aria-label="Project"
      placeholder={projects ? 'All projects' : 'Loading projects…'}
      data={(projects ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={known}
      onChange={(next) => onChange(next)}
      searchable
      clearable
      nothingFoundMessage="No matching project"
      leftSection={<IconFolder size={16} />}
      w={w}
      size="sm"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
