import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import {
  BulkReportDetailSchema,
  BulkReportListQuerySchema,
  BulkReportPageSchema,
  BulkTargetSchema,
  BulkValidationSchema,
  MAX_BULK_BYTES,
} from './bulk.schemas.ts';

const tags = ['Bulk by CSV'];
const CsvBody = z.string().describe('The CSV file, UTF-8, comma-separated, header row first');

export const bulkContract = {
  template: defineContract({
    operationId: 'getBulkTemplate',
    method: 'get',
    path: '/api/devices/bulk/template',
    summary: 'The CSV template for adding devices in bulk',
    tags,
    auth: 'required',
    action: 'devices:read',
    status: 200,
    produces: ['text/csv'],
    response: z.string(),
  }),
  validate: defineContract({
    operationId: 'validateBulkFile',
    method: 'post',
    path: '/api/devices/bulk/validate',
    summary:
      'Check every row (formats, Luhn, duplicates in the file and the platform, limits); writes nothing',
    tags,
    auth: 'required',
    action: 'devices:write',
    query: BulkTargetSchema,
    body: CsvBody,
    bodyTypes: ['csv'],
    maxBodyBytes: MAX_BULK_BYTES,
    status: 200,
    response: BulkValidationSchema,
  }),
  execute: defineContract({
    operationId: 'runBulkFile',
    method: 'post',
    path: '/api/devices/bulk',
    summary: 'Create the valid rows as a background job; every row is created fully or reported',
    tags,
    auth: 'required',
    action: 'devices:write',
    query: BulkTargetSchema,
    body: CsvBody,
    bodyTypes: ['csv'],
    maxBodyBytes: MAX_BULK_BYTES,
    status: 202,
    response: z.object({ id: z.uuid() }),
  }),
  reports: defineContract({
    operationId: 'listBulkReports',
    method: 'get',
    path: '/api/devices/bulk-reports',
    summary: 'Every bulk run with its created and failed rows',
    tags,
    auth: 'required',
    action: 'devices:read',
    query: BulkReportListQuerySchema,
    status: 200,
    response: BulkReportPageSchema,
  }),
  secrets: defineContract({
    operationId: 'downloadBulkSecrets',
    method: 'post',
    path: '/api/devices/bulk-reports/{id}/secrets',
    summary:
      'The secrets generated for the devices of a finished run, as CSV, once: only whoever started the run may take them, and they are deleted as they are sent (then 410); they also expire an hour after the run',
    tags,
    auth: 'required',
    action: 'devices:write',
    params: IdParamsSchema,
    status: 200,
    produces: ['text/csv'],
    response: z.string(),
  }),
  report: defineContract({
    operationId: 'getBulkReport',
    method: 'get',
    path: '/api/devices/bulk-reports/{id}',
    summary: 'One bulk run: progress and the outcome of every row',
    tags,
    auth: 'required',
    action: 'devices:read',
    params: IdParamsSchema,
    status: 200,
    response: BulkReportDetailSchema,
  }),
};
