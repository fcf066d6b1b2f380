import {
  type Actor,
  type DEVICE_COLUMNS,
  type DeviceExportQuery,
  type DeviceListQuery,
  deviceColumnLabels,
  type NetworkType,
  networkTypeLabels,
  type ProcessingStatus,
  processingStatusLabels,
} from '@openthings/domain';
import { type Cell, exportResponse, keysetBatches } from '../../http/file-export.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './devices.repo.ts';

type Column = (typeof DEVICE_COLUMNS)[number];
const DEFAULT_COLUMNS: Column[] = [
  'name',
  'deviceType',
  'primaryIdentifier',
  'lastMessageAt',
  'project',
  'flowCount',
  'processingStatus',
];
const BATCH = 2000;

function cell(row: repo.DeviceRow, column: Column): Cell {
  switch (column) {
    case 'name':
      return row.name;
    case 'deviceType':
      return row.deviceTypeName;
    case 'primaryIdentifier':
      return row.primaryIdentifier;
    case 'lastMessageAt':
      return row.lastMessageAt;
    case 'project':
      return row.projectName;
    case 'flowCount':
      return row.flowCount;
    case 'processingStatus':
      return processingStatusLabels[row.processingStatus as ProcessingStatus];
    case 'description':
      return row.description;
    case 'barcode':
      return row.barcode;
    case 'networkType':
      return row.networkType ? networkTypeLabels[row.networkType as NetworkType] : null;
    case 'createdAt':
      return row.createdAt;
  }
}

/** Every device matching the view, in the view's columns and order, read in keyset batches. */
export function createDevicesExport({ db, now }: Deps) {
  return {
    exportDevices(actor: Actor, input: DeviceExportQuery): Response {
      const columns = input.columns?.length ? input.columns : DEFAULT_COLUMNS;
      const { format, columns: _c, ...filters } = input;
      const query: DeviceListQuery = { ...filters, limit: BATCH, cursor: undefined, includeTotal: false };
      return exportResponse({
        format,
        fileName: `devices-${now().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`,
        sheetName: 'Devices',
        columns: columns.map((c) => ({
          label: deviceColumnLabels[c],
          date: c === 'lastMessageAt' || c === 'createdAt',
          wide: c === 'name' || c === 'description',
        })),
        rows: keysetBatches(
          (after, size) => repo.exportBatch(db, actor.customerId, query, after, size),
          (row) => columns.map((c) => cell(row, c)),
          BATCH,
        ),
      });
    },
  };
}

export type DevicesExport = ReturnType<typeof createDevicesExport>;
