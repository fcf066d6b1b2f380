import { type Device, deviceColumnLabels, networkTypeLabels } from '@openthings/domain';
import { CellHoverList, type DataTableColumn, ManagedMarker } from '@openthings/ui';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { TableLink } from '../../lib/table-link.tsx';
import { DeviceStatus } from './device-status.tsx';

// Cells are plain elements with the portal's classes (app.css), not Mantine components: a page shows up
// to 100 rows of them, and a component per cell was most of the page's main-thread work.
const none = <span className="ot-dimmed">—</span>;

/** Every column the devices table can show; ids are the API's sort fields and export columns. */
export const deviceColumns: DataTableColumn<Device>[] = [
  {
    id: 'name',
    header: deviceColumnLabels.name,
    sortable: true,
    // A real link: middle-click, Ctrl/Cmd-click and "open in new tab" work; the row opens it on a click
    // elsewhere or Enter, and leaves clicks on the link to the link.
    cell: (d) => (
      <span className="ot-cell-name-group">
        <TableLink to={`/devices/${d.id}`} className="ot-cell-name">
          {d.name}
        </TableLink>
        {d.deviceType.managed && <ManagedMarker label="Managed device: bought from the operator" />}
      </span>
    ),
  },
  { id: 'deviceType', header: deviceColumnLabels.deviceType, sortable: true, cell: (d) => d.deviceType.name },
  {
    id: 'primaryIdentifier',
    header: deviceColumnLabels.primaryIdentifier,
    sortable: true,
    cell: (d) => (d.primaryIdentifier ? <span className="ot-mono">{d.primaryIdentifier}</span> : none),
  },
  {
    id: 'lastMessageAt',
    header: deviceColumnLabels.lastMessageAt,
    sortable: true,
    sortDescFirst: true,
    cell: (d) =>
      d.lastMessageAt ? formatDateTime(d.lastMessageAt) : <span className="ot-dimmed">Never</span>,
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
        <span className="ot-cell-clamp" title={d.description}>
          {d.description}
        </span>
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
    cell: (d) => formatDate(d.createdAt),
  },
];
