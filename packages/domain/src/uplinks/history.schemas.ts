import { z } from 'zod';
import { ResolvedSenmlRecordSchema } from '../senml/senml.schemas.ts';
import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema, listQuerySchema, pageSchema } from '../shared/list.ts';
import { Timestamp, TimestampQuery } from '../shared/time.ts';

export const UPLINK_STATES = ['accepted', 'processed', 'ignored', 'failed'] as const;

/** One uplink as stored: raw payload, network metadata, each flow's decoding and the deliveries. */
export const HistoryUplinkSchema = z
  .object({
    id: z.uuid(),
    receivedAt: Timestamp,
    connector: z.string(),
    state: z.enum(UPLINK_STATES).describe('accepted = waiting for the worker; ignored = device deactivated'),
    error: z.string().nullable(),
    payloadHex: z.string(),
    payloadText: z.string().nullable().describe('The payload as text when it is UTF-8 (SenML JSON)'),
    metadata: z.record(z.string(), z.unknown()),
    decodings: z.array(
      z.object({
        flowId: z.uuid(),
        decoderId: z.string(),
        decoderName: z.string(),
        records: z.array(ResolvedSenmlRecordSchema).nullable(),
        error: z.string().nullable(),
      }),
    ),
    deliveries: z.array(
      z.object({
        id: z.uuid(),
        destinationId: z.uuid(),
        destinationName: z.string(),
        state: z.enum(['pending', 'succeeded', 'dead']),
        attempts: z.number().int(),
        lastStatus: z.number().int().nullable(),
        lastError: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'HistoryUplink' });
export type HistoryUplink = z.infer<typeof HistoryUplinkSchema>;

export const HistoryQuerySchema = listQuerySchema(['receivedAt'] as const, '-receivedAt')
  .omit({
    q: true,
    projectId: true,
    createdBefore: true,
    createdSince: true,
    modifiedBefore: true,
    modifiedSince: true,
  })
  .extend({
    since: TimestampQuery.optional().describe('Uplinks received at or after this time'),
    before: TimestampQuery.optional().describe('Uplinks received before this time'),
    state: z.enum(UPLINK_STATES).optional(),
  });
export type HistoryQuery = z.output<typeof HistoryQuerySchema>;

export const TwinReportedSchema = z
  .object({
    data: z.array(
      z.object({
        name: z.string(),
        value: z.union([z.number(), z.string(), z.boolean()]),
        unit: z.string().nullable(),
        time: Timestamp,
      }),
    ),
  })
  .meta({ id: 'TwinReported' });

export const historyContract = {
  uplinks: defineContract({
    operationId: 'listDeviceUplinks',
    method: 'get',
    path: '/api/devices/{id}/uplinks',
    summary: "A device's uplinks: raw payload, metadata, decodings per flow and deliveries",
    tags: ['Devices'],
    auth: 'required',
    action: 'devices:read',
    params: IdParamsSchema,
    query: HistoryQuerySchema,
    status: 200,
    response: pageSchema(HistoryUplinkSchema),
  }),
  twin: defineContract({
    operationId: 'getReportedState',
    method: 'get',
    path: '/api/devices/{id}/twin/reported',
    summary: 'The latest value and time of each measurement the device reported',
    tags: ['Devices'],
    auth: 'required',
    action: 'devices:read',
    params: IdParamsSchema,
    status: 200,
    response: TwinReportedSchema,
  }),
};
