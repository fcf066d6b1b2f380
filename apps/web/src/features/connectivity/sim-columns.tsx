import { Text } from '@mantine/core';
import { findCommunicationPlan, findRatePlan, type Sim } from '@openthings/domain';
import type { DataTableColumn } from '@openthings/ui';
import { formatBytes, formatDate, formatDateTime } from '../../lib/format.ts';
import { simColumnLabels } from './sim-list.ts';
import { SimStatusBadge } from './sim-status.tsx';

const dim = (text: string) => (
  <Text component="span" size="sm" c="dimmed">
    {text}
  </Text>
);

/** Columns of the SIM table; `projectName` names a SIM's project. */
export function simColumns(projectName: (id: string) => string | undefined): DataTableColumn<Sim>[] {
  return [
    {
      id: 'iccid',
      header: simColumnLabels.iccid,
      sortable: true,
      cell: (s) => (
        <Text component="span" className="ot-mono" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {s.iccid}
        </Text>
      ),
    },
    {
      id: 'status',
      header: simColumnLabels.status,
      sortable: true,
      cell: (s) => <SimStatusBadge status={s.status} />,
    },
    {
      id: 'communicationPlan',
      header: simColumnLabels.communicationPlan,
      sortable: true,
      cell: (s) => findCommunicationPlan(s.communicationPlan)?.name ?? s.communicationPlan,
    },
    {
      id: 'ratePlan',
      header: simColumnLabels.ratePlan,
      sortable: true,
      cell: (s) => findRatePlan(s.ratePlan)?.name ?? s.ratePlan,
    },
    { id: 'apn', header: simColumnLabels.apn, cell: (s) => <span className="ot-mono">{s.apn}</span> },
    {
      id: 'imei',
      header: simColumnLabels.imei,
      cell: (s) => (s.deviceId && s.imei ? <span className="ot-mono">{s.imei}</span> : dim('Not linked')),
    },
    {
      id: 'project',
      header: simColumnLabels.project,
      cell: (s) => (s.projectId ? (projectName(s.projectId) ?? '—') : dim('No project')),
    },
    {
      id: 'lastMessageAt',
      header: simColumnLabels.lastMessageAt,
      sortable: true,
      sortDescFirst: true,
      cell: (s) =>
        s.lastMessageAt ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.lastMessageAt)}</span>
        ) : (
          dim('Never')
        ),
    },
    {
      id: 'usage',
      header: simColumnLabels.usage,
      sortable: true,
      sortDescFirst: true,
      align: 'right',
      cell: (s) => <span style={{ whiteSpace: 'nowrap' }}>{formatBytes(s.usage.bytes)}</span>,
    },
    {
      id: 'lastSyncAt',
      header: simColumnLabels.lastSyncAt,
      sortable: true,
      sortDescFirst: true,
      cell: (s) =>
        s.lastSyncAt ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(s.lastSyncAt)}</span>
        ) : (
          dim('Never')
        ),
    },
    {
      id: 'createdAt',
      header: simColumnLabels.createdAt,
      sortable: true,
      sortDescFirst: true,
      cell: (s) => formatDate(s.createdAt),
    },
  ];
}
