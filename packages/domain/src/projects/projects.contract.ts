import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import {
  ProjectListQuerySchema,
  ProjectPageSchema,
  ProjectSchema,
  ProjectUpdateSchema,
} from './projects.schemas.ts';

export const projectsContract = {
  list: defineContract({
    operationId: 'listProjects',
    method: 'get',
    path: '/api/projects',
    summary: 'List projects',
    tags: ['Projects'],
    auth: 'required',
    action: 'projects:read',
    query: ProjectListQuerySchema,
    status: 200,
    response: ProjectPageSchema,
  }),
  get: defineContract({
    operationId: 'getProject',
    method: 'get',
    path: '/api/projects/{id}',
    summary: 'Get a project with its subscription, limits and usage',
    tags: ['Projects'],
    auth: 'required',
    action: 'projects:read',
    params: IdParamsSchema,
    status: 200,
    response: ProjectSchema,
  }),
  update: defineContract({
    operationId: 'updateProject',
    method: 'patch',
    path: '/api/projects/{id}',
    summary: 'Change a project name or description',
    tags: ['Projects'],
    auth: 'required',
    action: 'projects:update',
    params: IdParamsSchema,
    body: ProjectUpdateSchema,
    status: 200,
    response: ProjectSchema,
  }),
};
