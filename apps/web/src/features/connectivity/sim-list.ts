import {
  COMMUNICATION_PLANS,
  RATE_PLANS,
  SIM_SORT_FIELDS,
  SIM_STATUSES,
  simStatusLabels,
} from '@openthings/domain';
import type { FilterDefinition } from '@openthings/ui';
import type { ListUrlConfig, ListUrlState } from '../../lib/list-url.ts';
import type { SimListFilter } from './sims.api.ts';

export const SIM_COLUMNS = [
  'iccid',
  'status',
  'communicationPlan',
  'ratePlan',
  'apn',
  'imei',
  'project',
  'lastMessageAt',
  'usage',
  'lastSyncAt',
  'createdAt',
] as const;

export const simColumnLabels: Record<(typeof SIM_COLUMNS)[number], string> = {
  iccid: 'ICCID',
  status: 'Status',
  communicationPlan: 'Communication plan',
  ratePlan: 'Rate plan',
  apn: 'APN',
  imei: 'Device (IMEI)',
  project: 'Project',
  lastMessageAt: 'Last message',
  usage: 'Usage',
  lastSyncAt: 'Last sync',
  createdAt: 'Added',
};

export const SIM_LIST: ListUrlConfig = {
  sort: { id: 'iccid', desc: false },
  sortable: SIM_SORT_FIELDS,
  filters: [
    { id: 'status', kind: 'list' },
    { id: 'communicationPlan', kind: 'list' },
    { id: 'ratePlan', kind: 'list' },
    { id: 'project', kind: 'list' },
    { id: 'linked', kind: 'list' },
  ],
  columns: {
    all: SIM_COLUMNS,
    default: ['iccid', 'status', 'communicationPlan', 'ratePlan', 'imei', 'lastMessageAt', 'usage'],
  },
};

export const simColumnChoices = SIM_COLUMNS.map((id) => ({
  id,
  header: simColumnLabels[id],
  required: id === 'iccid',
}));

/** The SIM table's filters; plans, project and "linked" are one each, as the API filters by one. */
export function simFilters(
  projects: readonly { id: string; name: string }[] | undefined,
  scoped: boolean,
): FilterDefinition[] {
  return [
    {
      id: 'status',
      label: 'Status',
      type: 'options',
      options: SIM_STATUSES.map((s) => ({ value: s, label: simStatusLabels[s] })),
    },
    {
      id: 'communicationPlan',
      label: 'Communication plan',
      type: 'options',
      multiple: false,
      options: COMMUNICATION_PLANS.map((p) => ({ value: p.id, label: p.name })),
    },
    {
      id: 'ratePlan',
      label: 'Rate plan',
      type: 'options',
      multiple: false,
      options: RATE_PLANS.map((p) => ({ value: p.id, label: p.name })),
    },
    ...(scoped
      ? []
      : [
          {
            id: 'project',
            label: 'Project',
            type: 'options' as const,
            multiple: false,
            options: (projects ?? []).map((p) => ({ value: p.id, label: p.name })),
          },
        ]),
    {
      id: 'linked',
      label: 'Device',
      type: 'options',
      multiple: false,
      options: [
        { value: 'true', label: 'Linked to a device' },
        { value: 'false', label: 'Not linked' },
      ],
    },
  ];
}

const first = (state: ListUrlState, id: string): string | undefined => {
  const value = state.filters[id];
  return Array.isArray(value) ? value[0] : undefined;
};

/** The API query of the table; the project picker wins over the project filter. */
export function simListQuery(state: ListUrlState, scopeProjectId: string | null): SimListFilter {
  const status = state.filters.status;
  const linked = first(state, 'linked');
  return {
    q: state.q || undefined,
    status: Array.isArray(status) && status.length > 0 ? status.join(',') : undefined,
    communicationPlan: first(state, 'communicationPlan'),
    ratePlan: first(state, 'ratePlan'),
    projectId: scopeProjectId ?? first(state, 'project'),
    linked: linked === 'true' || linked === 'false' ? linked : undefined,
    sort: state.sort.desc ? `-${state.sort.id}` : state.sort.id,
    limit: state.limit,
    cursor: state.cursor,
    includeTotal: 'true',
  };
}
