import { z } from 'zod';
import { defineContract } from '../shared/contract.ts';
import {
  LoginResponseSchema,
  LoginSchema,
  SessionUserSchema,
  TokenRequestSchema,
  TokenResponseSchema,
} from './auth.schemas.ts';

export const authContract = {
  login: defineContract({
    operationId: 'login',
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with email and password; sets the session cookie',
    tags: ['Auth'],
    auth: 'public',
    body: LoginSchema,
    status: 200,
    response: LoginResponseSchema,
  }),
  logout: defineContract({
    operationId: 'logout',
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Sign out; ends the session',
    tags: ['Auth'],
    auth: 'public',
    status: 204,
    response: z.null(),
  }),
  me: defineContract({
    operationId: 'getMe',
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user, with roles and permissions',
    tags: ['Auth'],
    auth: 'required',
    status: 200,
    response: z.object({ user: SessionUserSchema }),
  }),
  token: defineContract({
    operationId: 'createToken',
    method: 'post',
    path: '/api/auth/token',
    summary: 'Exchange API key credentials for a bearer access token (valid one hour)',
    tags: ['Auth'],
    auth: 'public',
    body: TokenRequestSchema,
    bodyTypes: ['json', 'form'],
    status: 200,
    response: TokenResponseSchema,
  }),
};
