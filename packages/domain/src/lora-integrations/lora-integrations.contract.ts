import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import {
  LoraIntegrationCreatedSchema,
  LoraIntegrationCreateSchema,
  LoraIntegrationSchema,
} from './lora-integrations.schemas.ts';

const tags = ['LoRa integrations'];

/** LoRa network server webhooks of the customer; they carry device data, so devices rights apply. */
export const loraIntegrationsContract = {
  list: defineContract({
    operationId: 'listLoraIntegrations',
    method: 'get',
    path: '/api/lora/integrations',
    summary: 'The LoRa network server integrations (webhook endpoints) of the customer',
    tags,
    auth: 'required',
    action: 'devices:read',
    status: 200,
    response: z.object({ data: z.array(LoraIntegrationSchema) }),
  }),
  get: defineContract({
    operationId: 'getLoraIntegration',
    method: 'get',
    path: '/api/lora/integrations/{id}',
    summary: 'Get a LoRa integration (its secret is never shown again)',
    tags,
    auth: 'required',
    action: 'devices:read',
    params: IdParamsSchema,
    status: 200,
    response: LoraIntegrationSchema,
  }),
  create: defineContract({
    operationId: 'createLoraIntegration',
    method: 'post',
    path: '/api/lora/integrations',
    summary: 'Add a ThingPark or ChirpStack integration: returns its webhook path and its secret, once',
    tags,
    auth: 'required',
    action: 'devices:write',
    body: LoraIntegrationCreateSchema,
    status: 201,
    response: LoraIntegrationCreatedSchema,
  }),
  remove: defineContract({
    operationId: 'deleteLoraIntegration',
    method: 'delete',
    path: '/api/lora/integrations/{id}',
    summary: 'Delete a LoRa integration: its webhook refuses uplinks from then on',
    tags,
    auth: 'required',
    action: 'devices:delete',
    params: IdParamsSchema,
    status: 204,
    response: z.null(),
  }),
};
