import {
  DEVICE_COLUMNS,
  DEVICE_SORT_FIELDS,
  type DeviceType,
  deviceColumnLabels,
  type Flow,
  NETWORK_TYPES,
  networkTypeLabels,
  PROCESSING_STATUSES,
  processingStatusLabels,
} from '@openthings/domain';
import type { DateRange, FilterDefinition } from '@openthings/ui';
import { endOfDay, type ListUrlConfig, type ListUrlState, startOfDay } from '../../lib/list-url.ts';
import type { DeviceListFilter } from './devices.api.ts';

/** The devices table in the URL. Column ids are the export's column names, so an export matches it. */
export const DEVICE_LIST: ListUrlConfig = {
  sort: { id: 'name', desc: false },
  sortable: DEVICE_SORT_FIELDS,
  filters: [
    { id: 'type', kind: 'list' },
    { id: 'status', kind: 'list' },
    { id: 'project', kind: 'list' },
    { id: 'flow', kind: 'list' },
    { id: 'network', kind: 'list' },
    { id: 'lastMessage', kind: 'dateRange' },
  ],
  columns: {
    all: DEVICE_COLUMNS,
    default: [
      'name',
      'deviceType',
      'primaryIdentifier',
      'lastMessageAt',
      'project',
      'flowCount',
      'processingStatus',
    ],
  },
};

export const deviceColumnChoices = DEVICE_COLUMNS.map((id) => ({
  id,
  header: deviceColumnLabels[id],
  required: id === 'name',
}));

export interface DeviceFilterOptions {
  types: readonly DeviceType[] | undefined;
  projects: readonly { id: string; name: string }[] | undefined;
  flows: readonly Flow[] | undefined;
  /** The project picker's choice: the project filter is then the picker itself. */
  scopeProjectId: string | null;
}

/** The filter panel of the devices table. Project and flow are one each: the API filters by one. */
export function deviceFilters(options: DeviceFilterOptions): FilterDefinition[] {
  const flows = options.flows ?? [];
  const oneProject = options.scopeProjectId !== null || new Set(flows.map((f) => f.projectId)).size <= 1;
  return [
    {
      id: 'type',
      label: 'Type',
      type: 'options',
      options: (options.types ?? []).map((t) => ({ value: t.id, label: t.name })),
    },
    {
      id: 'status',
      label: 'Status',
      type: 'options',
      options: PROCESSING_STATUSES.map((s) => ({ value: s, label: processingStatusLabels[s] })),
    },
    ...(options.scopeProjectId
      ? []
      : [
          {
            id: 'project',
            label: 'Project',
            type: 'options' as const,
            multiple: false,
            options: (options.projects ?? []).map((p) => ({ value: p.id, label: p.name })),
          },
        ]),
    {
      id: 'flow',
      label: 'Flow',
      type: 'options',
      multiple: false,
      options: flows.map((f) => ({
        value: f.id,
        label: oneProject ? f.name : `${f.name} · ${f.projectName}`,
      })),
    },
    {
      id: 'network',
      label: 'Network type',
      type: 'options',
      options: NETWORK_TYPES.map((n) => ({ value: n, label: networkTypeLabels[n] })),
    },
    { id: 'lastMessage', label: 'Last message', type: 'dateRange' },
  ];
}

function list(state: ListUrlState, id: string): string[] {
  const value = state.filters[id];
  return Array.isArray(value) ? [...value] : [];
}

/**
 * The API filter of the table state (without paging). The project picker wins over the project filter:
 * with a project chosen, the whole portal works inside it.
 */
export function deviceFilterQuery(state: ListUrlState, scopeProjectId: string | null) {
  const range = state.filters.lastMessage as DateRange | undefined;
  const join = (values: string[]) => (values.length > 0 ? values.join(',') : undefined);
  return {
    q: state.q || undefined,
    deviceTypeId: join(list(state, 'type')),
    status: join(list(state, 'status')),
    networkType: join(list(state, 'network')),
    projectId: scopeProjectId ?? list(state, 'project')[0],
    flowId: list(state, 'flow')[0],
    lastMessageSince: range?.from ? startOfDay(range.from).toISOString() : undefined,
    lastMessageBefore: range?.to ? endOfDay(range.to).toISOString() : undefined,
    sort: state.sort.desc ? `-${state.sort.id}` : state.sort.id,
  };
}

export function deviceListQuery(state: ListUrlState, scopeProjectId: string | null): DeviceListFilter {
  return {
    ...deviceFilterQuery(state, scopeProjectId),
    limit: state.limit,
    cursor: state.cursor,
    includeTotal: 'true',
  };
}

/** The download of the current view: every matching device, in the visible columns in their order. */
export function deviceExportHref(
  state: ListUrlState,
  scopeProjectId: string | null,
  format: 'csv' | 'xlsx',
): string {
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(deviceFilterQuery(state, scopeProjectId))) {
    if (value !== undefined && value !== '') params.set(key, value);
  }
  params.set('columns', state.columns.join(','));
  return `/api/devices/export?${params.toString()}`;
}
