import { Select } from '@mantine/core';
import type { Flow } from '@openthings/domain';
import { useQuery } from '@tanstack/react-query';
import { flowsQueries } from './flows.api.ts';

export interface FlowSelectProps {
  /** Only flows of this project; all flows when null. */
  projectId: string | null;
  value: string | null;
  onChange: (flowId: string | null) => void;
  label?: string;
  description?: string;
  error?: string | null;
  /** Flows not to offer, e.g. the ones a device is already in. */
  exclude?: readonly string[];
  required?: boolean;
  clearable?: boolean;
}

function flowLabel(flow: Flow, withProject: boolean) {
  return withProject ? `${flow.name} · ${flow.projectName}` : flow.name;
}

/** Pick a flow; with flows of several projects on offer, each names its project. */
export function FlowSelect(props: FlowSelectProps) {
  const flows = useQuery(flowsQueries.list(props.projectId));
  const offered = (flows.data ?? []).filter((f) => !props.exclude?.includes(f.id));
  const withProject = new Set(offered.map((f) => f.projectId)).size > 1;
  return (
    <Select
      label={props.label ?? 'Flow'}
      description={props.description}
      placeholder={flows.isPending ? 'Loading flows…' : offered.length === 0 ? 'No flows' : 'Choose a flow'}
      data={offered.map((f) => ({ value: f.id, label: flowLabel(f, withProject) }))}
      value={props.value}
      onChange={props.onChange}
      searchable
      clearable={props.clearable}
      required={props.required}
      error={props.error ?? (flows.isError ? 'The flows could not be loaded' : undefined)}
      nothingFoundMessage="No matching flow"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
