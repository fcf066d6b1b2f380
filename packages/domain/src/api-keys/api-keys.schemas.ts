import { z } from 'zod';
import { RoleSchema } from '../auth/roles.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    clientId: z.string(),
    roles: z.array(RoleSchema),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const ApiKeyCreateSchema = z
  .object({
    name: storedText('The name')
      .trim()
      .min(1, 'Enter a name')
      .max(100, 'The name must be at most 100 characters'),
    description: storedText('The description', { multiLine: true })
      .trim()
      .max(500, 'The description must be at most 500 characters')
      .default(''),
    roles: z.array(RoleSchema).min(1, 'Choose at least one role').max(8),
  })
  .strict()
  .meta({ id: 'ApiKeyCreate' });
export type ApiKeyCreate = z.infer<typeof ApiKeyCreateSchema>;

export const ApiKeyCreatedSchema = z
  .object({
    id: z.uuid(),
    clientId: z.string(),
    clientSecret: z.string().describe('Shown once; only a hash is stored'),
  })
  .meta({ id: 'ApiKeyCreated' });

export const API_KEY_SORT_FIELDS = ['name', 'createdAt', 'modifiedAt'] as const;
export const ApiKeyListQuerySchema = listQuerySchema(API_KEY_SORT_FIELDS, '-createdAt').extend({
  includeRevoked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export const ApiKeyPageSchema = pageSchema(ApiKeySchema);
