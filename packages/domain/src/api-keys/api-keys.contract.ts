import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyListQuerySchema,
  ApiKeyPageSchema,
  ApiKeySchema,
} from './api-keys.schemas.ts';

export const apiKeysContract = {
  list: defineContract({
    operationId: 'listApiKeys',
    method: 'get',
    path: '/api/api-keys',
    summary: 'List API keys',
    tags: ['API keys'],
    auth: 'required',
    action: 'apiKeys:manage',
    query: ApiKeyListQuerySchema,
    status: 200,
    response: ApiKeyPageSchema,
  }),
  get: defineContract({
    operationId: 'getApiKey',
    method: 'get',
    path: '/api/api-keys/{id}',
    summary: 'Get an API key (never its secret)',
    tags: ['API keys'],
    auth: 'required',
    action: 'apiKeys:manage',
    params: IdParamsSchema,
    status: 200,
    response: ApiKeySchema,
  }),
  create: defineContract({
    operationId: 'createApiKey',
    method: 'post',
    path: '/api/api-keys',
    summary: 'Create an API key; the secret is returned once',
    tags: ['API keys'],
    auth: 'required',
    action: 'apiKeys:manage',
    body: ApiKeyCreateSchema,
    status: 201,
    response: ApiKeyCreatedSchema,
  }),
  revoke: defineContract({
    operationId: 'revokeApiKey',
    method: 'delete',
    path: '/api/api-keys/{id}',
    summary: 'Revoke an API key and every access token issued for it',
    tags: ['API keys'],
    auth: 'required',
    action: 'apiKeys:manage',
    params: IdParamsSchema,
    status: 204,
    response: z.null(),
  }),
};
