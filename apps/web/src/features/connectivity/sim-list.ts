import {
  COMMUNICATION_PLANS,
  RATE_PLANS,
  SIM_COLUMNS,
  SIM_SORT_FIELDS,
  SIM_STATUSES,
  simColumnLabels,
  simStatusLabels,
} from '@openthings/domain';
import type { FilterDefinition } from '@openthings/ui';
import type { ListUrlConfig, ListUrlState } from '../../lib/list-url.ts';
import type { SimListFilter } from './sims.api.ts';

export { SIM_COLUMNS, simColumnLabels };

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

/** The download of the current view: every matching SIM, in the visible columns in their order. */
export function simExportHref(
  state: ListUrlState,
  scopeProjectId: string | null,
  format: 'csv' | 'xlsx',
): string {
  const { limit: _l, cursor: _c, includeTotal: _t, ...filters } = simListQuery(state, scopeProjectId);
  const params = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  params.set('columns', state.columns.join(','));
  return `/api/sims/export?${params.toString()}`;
}
