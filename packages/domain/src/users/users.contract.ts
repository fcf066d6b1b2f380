import { defineContract } from '../shared/contract.ts';
import { IdParamsSchema } from '../shared/list.ts';
import { UserCreateSchema, UserListQuerySchema, UserPageSchema, UserSchema } from './users.schemas.ts';

export const usersContract = {
  list: defineContract({
    operationId: 'listUsers',
    method: 'get',
    path: '/api/users',
    summary: 'List the users of the customer',
    tags: ['Users'],
    auth: 'required',
    action: 'users:read',
    query: UserListQuerySchema,
    status: 200,
    response: UserPageSchema,
  }),
  get: defineContract({
    operationId: 'getUser',
    method: 'get',
    path: '/api/users/{id}',
    summary: 'Get a user',
    tags: ['Users'],
    auth: 'required',
    action: 'users:read',
    params: IdParamsSchema,
    status: 200,
    response: UserSchema,
  }),
  create: defineContract({
    operationId: 'createUser',
    method: 'post',
    path: '/api/users',
    summary: 'Add a user with an initial password and roles',
    tags: ['Users'],
    auth: 'required',
    action: 'users:manage',
    body: UserCreateSchema,
    status: 201,
    response: UserSchema,
  }),
};
