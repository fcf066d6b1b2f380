import { z } from 'zod';
import { DecoderInfoSchema } from '../decoders/catalogue.ts';
import { defineContract } from '../shared/contract.ts';

/** Data processing of a flow: per device type in the flow, its decoders with their on/off state. */
export const DataProcessingSchema = z
  .object({
    data: z.array(
      z.object({
        deviceType: z.object({ id: z.string(), name: z.string() }),
        deviceCount: z.number().int(),
        decoders: z.array(
          DecoderInfoSchema.extend({
            enabled: z.boolean(),
            isDefault: z.boolean().describe('On when the flow has no setting for this type yet'),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'DataProcessing' });
export type DataProcessing = z.infer<typeof DataProcessingSchema>;

export const DecoderToggleParamsSchema = z.object({
  id: z.uuid(),
  deviceTypeId: z.string().min(1).max(100),
  decoderId: z.uuid(),
});
export const DecoderToggleSchema = z.object({ enabled: z.boolean() }).strict();

export const dataProcessingContract = {
  get: defineContract({
    operationId: 'getDataProcessing',
    method: 'get',
    path: '/api/device-groups/{id}/decoders',
    summary: 'The decoders per device type of a flow, with their state',
    tags: ['Device groups (flows)'],
    auth: 'required',
    action: 'flows:read',
    params: z.object({ id: z.uuid() }),
    status: 200,
    response: DataProcessingSchema,
  }),
  toggle: defineContract({
    operationId: 'setDecoder',
    method: 'put',
    path: '/api/device-groups/{id}/decoders/{deviceTypeId}/{decoderId}',
    summary: 'Switch a decoder on or off for a device type in a flow',
    tags: ['Device groups (flows)'],
    auth: 'required',
    action: 'flows:write',
    params: DecoderToggleParamsSchema,
    body: DecoderToggleSchema,
    status: 200,
    response: DataProcessingSchema,
  }),
  catalogue: defineContract({
    operationId: 'listDecoders',
    method: 'get',
    path: '/api/decoders',
    summary: 'The built-in decoders with their expected records',
    tags: ['Decoders'],
    auth: 'required',
    status: 200,
    response: z.object({ data: z.array(DecoderInfoSchema) }),
  }),
};
