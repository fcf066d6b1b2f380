import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import {
  SavedViewCreateSchema,
  SavedViewListQuerySchema,
  SavedViewSchema,
  SavedViewUpdateSchema,
} from './views.schemas.ts';

const tags = ['Saved views'];

/** Saved views belong to the signed-in user; API keys have none. */
export const viewsContract = {
  list: defineContract({
    operationId: 'listSavedViews',
    method: 'get',
    path: '/api/views',
    summary: "The signed-in user's saved views of a table",
    tags,
    auth: 'required',
    personal: true,
    query: SavedViewListQuerySchema,
    status: 200,
    response: z.object({ data: z.array(SavedViewSchema) }),
  }),
  get: defineContract({
    operationId: 'getSavedView',
    method: 'get',
    path: '/api/views/{id}',
    summary: 'Get a saved view',
    tags,
    auth: 'required',
    personal: true,
    params: IdParamsSchema,
    status: 200,
    response: SavedViewSchema,
  }),
  create: defineContract({
    operationId: 'createSavedView',
    method: 'post',
    path: '/api/views',
    summary: 'Save a view (at most 10 per table); a new default replaces the old one',
    tags,
    auth: 'required',
    personal: true,
    body: SavedViewCreateSchema,
    status: 201,
    response: SavedViewSchema,
  }),
  update: defineContract({
    operationId: 'updateSavedView',
    method: 'patch',
    path: '/api/views/{id}',
    summary: 'Rename a view, replace its state or make it the default',
    tags,
    auth: 'required',
    personal: true,
    params: IdParamsSchema,
    body: SavedViewUpdateSchema,
    status: 200,
    response: SavedViewSchema,
  }),
  remove: defineContract({
    operationId: 'deleteSavedView',
    method: 'delete',
    path: '/api/views/{id}',
    summary: 'Delete a saved view',
    tags,
    auth: 'required',
    personal: true,
    params: IdParamsSchema,
    status: 204,
    response: z.null(),
  }),
};
