import {
  type Actor,
  apnForCommunicationPlan,
  type SimColumn,
  type SimExportQuery,
  type SimListQuery,
  type SimStatus,
  simColumnLabels,
  simStatusLabels,
} from '@openthings/domain';
import { type Cell, exportResponse, keysetBatches } from '../../http/file-export.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './connectivity.repo.ts';

const DEFAULT_COLUMNS: SimColumn[] = [
  'iccid',
  'status',
  'communicationPlan',
  'ratePlan',
  'imei',
  'lastMessageAt',
  'usage',
];
const BATCH = 2000;

type Row = Awaited<ReturnType<typeof repo.exportBatch>>[number];

function cell({ sim, projectName }: Row, column: SimColumn): Cell {
  switch (column) {
    case 'iccid':
      return sim.iccid;
    case 'status':
      return simStatusLabels[sim.status as SimStatus];
    case 'communicationPlan':
      return sim.communicationPlan;
    case 'ratePlan':
      return sim.ratePlan;
    case 'apn':
      return apnForCommunicationPlan(sim.communicationPlan);
    case 'imei':
      return sim.imei;
    case 'project':
      return projectName;
    case 'lastMessageAt':
      return sim.lastMessageAt;
    case 'usage':
      return sim.usageBytes;
    case 'lastSyncAt':
      return sim.lastSyncAt;
    case 'createdAt':
      return sim.createdAt;
  }
}

/** Every SIM matching the table's view, in its columns and order (usage in bytes), streamed. */
export function createSimExport({ db, now }: Deps) {
  return {
    exportSims(actor: Actor, input: SimExportQuery): Response {
      const columns = input.columns?.length ? input.columns : DEFAULT_COLUMNS;
      const { format, columns: _c, ...filters } = input;
      const query: SimListQuery = { ...filters, limit: BATCH, cursor: undefined, includeTotal: false };
      return exportResponse({
        format,
        fileName: `sims-${now().toISOString().slice(0, 16).replace(/[-:T]/g, '')}`,
        sheetName: 'SIMs',
        columns: columns.map((c) => ({
          label: c === 'usage' ? 'Usage (bytes)' : simColumnLabels[c],
          date: c === 'lastMessageAt' || c === 'lastSyncAt' || c === 'createdAt',
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
