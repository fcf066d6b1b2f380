import { z } from 'zod';
import { commaList } from '../devices/devices.schemas.ts';
import { defineContract } from '../shared/contract.ts';
import { SimListQuerySchema } from './connectivity.schemas.ts';

/** The SIM table's columns, in their default order; the export takes the same ids. */
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
export type SimColumn = (typeof SIM_COLUMNS)[number];

export const simColumnLabels: Record<SimColumn, string> = {
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

export const SimExportQuerySchema = SimListQuerySchema.omit({
  cursor: true,
  limit: true,
  includeTotal: true,
}).extend({
  format: z.enum(['csv', 'xlsx'], { message: 'format must be csv or xlsx' }),
  columns: commaList(z.enum(SIM_COLUMNS)).optional().describe('Columns in order; default: the table columns'),
});
export type SimExportQuery = z.output<typeof SimExportQuerySchema>;

export const simExportContract = defineContract({
  operationId: 'exportSims',
  method: 'get',
  path: '/api/sims/export',
  summary: 'Download every SIM matching the filters as CSV or Excel, in the given columns',
  tags: ['Connectivity'],
  auth: 'required',
  action: 'connectivity:read',
  query: SimExportQuerySchema,
  status: 200,
  produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  response: z.string(),
});
