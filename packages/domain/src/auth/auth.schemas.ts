import { z } from 'zod';
import { ACTIONS, RoleSchema } from './roles.ts';

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'The email address is too long')
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const LoginSchema = z.object({
  email: EmailSchema,
  // Not the password rules: a login only compares, and must not tell which rule an attempt broke.
  password: z.string().min(1, 'Enter your password').max(200),
});
export type Login = z.infer<typeof LoginSchema>;

export const CustomerRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  isReseller: z.boolean(),
});

export const SessionUserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    permissions: z.array(z.enum(ACTIONS)).describe('Actions this user may do, after the lowest-role rule'),
    customer: CustomerRefSchema.describe('The customer the user belongs to'),
    actingCustomer: CustomerRefSchema.describe('The customer environment the user is in'),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUserSchema>;

export const LoginResponseSchema = z.object({ user: SessionUserSchema });

export const TokenRequestSchema = z.object({
  grant_type: z.literal('client_credentials', { message: 'grant_type must be client_credentials' }),
  client_id: z.string().min(1, 'client_id is required').max(200),
  client_secret: z.string().min(1, 'client_secret is required').max(500),
});
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

/** Access tokens live one hour; there are no refresh tokens — ask again with the client secret. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export const TokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});
