import { Anchor, Group, Text } from '@mantine/core';
import { type Device, deviceColumnLabels, networkTypeLabels } from '@openthings/domain';
import { CellHoverList, type DataTableColumn, ManagedMarker } from '@openthings/ui';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { DeviceStatus } from './device-status.tsx';

const none = (
  <Text component="span" size="sm" c="dimmed">
    —
  </Text>
);

/** Every column the devices table can show; ids are the API's sort fields and export columns. */
export const deviceColumns: DataTableColumn<Device>[] = [
  {
    id: 'name',
    header: deviceColumnLabels.name,
    sortable: true,
    // A real link: middle-click, Ctrl/Cmd-click and "open in new tab" work; the row opens it on a click
    // elsewhere or Enter, and leaves clicks on the link to the link.
    cell: (d) => (
      <Group gap={2} wrap="nowrap">
        <Anchor component={Link} to={`/devices/${d.id}`} size="sm" fw={500} className="ot-cell-name">
          {d.name}
        </Anchor>
        {d.deviceType.managed && <ManagedMarker label="Managed device: bought from the operator" />}
      </Group>
    ),
  },
  { id: 'deviceType', header: deviceColumnLabels.deviceType, sortable: true, cell: (d) => d.deviceType.name },
  {
    id: 'primaryIdentifier',
    header: deviceColumnLabels.primaryIdentifier,
    sortable: true,
    cell: (d) =>
      d.primaryIdentifier ? (
        <Text component="span" className="ot-mono" style={{ whiteSpace: 'nowrap' }}>
          {d.primaryIdentifier}
        </Text>
      ) : (
        none
      ),
  },
  {
    id: 'lastMessageAt',
    header: deviceColumnLabels.lastMessageAt,
    sortable: true,
    sortDescFirst: true,
    cell: (d) =>
      d.lastMessageAt ? (
        <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.lastMessageAt)}</span>
      ) : (
        <Text component="span" size="sm" c="dimmed">
          Never
        </Text>
      ),
  },
  { id: 'project', header: deviceColumnLabels.project, sortable: true, cell: (d) => d.project.name },
  {
    id: 'flowCount',
    header: deviceColumnLabels.flowCount,
    sortable: true,
    sortDescFirst: true,
    align: 'right',
    width: 70,
    cell: (d) => <CellHoverList count={d.flowCount} items={d.flowNames} title="Flows" />,
  },
  {
    id: 'processingStatus',
    header: deviceColumnLabels.processingStatus,
    sortable: true,
    width: 140,
    cell: (d) => <DeviceStatus status={d.processingStatus} />,
  },
  {
    id: 'description',
    header: deviceColumnLabels.description,
    cell: (d) =>
      d.description ? (
        <Text size="sm" lineClamp={1} maw={280} title={d.description}>
          {d.description}
        </Text>
      ) : (
        none
      ),
  },
  { id: 'barcode', header: deviceColumnLabels.barcode, cell: (d) => d.barcode || none },
  {
    id: 'networkType',
    header: deviceColumnLabels.networkType,
    cell: (d) => (d.networkType ? networkTypeLabels[d.networkType] : none),
  },
  {
    id: 'createdAt',
    header: deviceColumnLabels.createdAt,
    sortable: true,
    sortDescFirst: true,
    cell: (d) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(d.createdAt)}</span>,
  },
];
