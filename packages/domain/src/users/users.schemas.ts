import { z } from 'zod';
import { EmailSchema } from '../auth/auth.schemas.ts';
import { PasswordSchema } from '../auth/password.ts';
import { RoleSchema } from '../auth/roles.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

export const UserStatusSchema = z.enum(['active', 'deactivated']);

export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    status: UserStatusSchema,
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof UserSchema>;

export const UserNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'The name is too long');

export const UserCreateSchema = z
  .object({
    email: EmailSchema,
    name: UserNameSchema,
    password: PasswordSchema,
    roles: z.array(RoleSchema).min(1, 'Choose at least one role').max(8),
  })
  .strict()
  .meta({ id: 'UserCreate' });
export type UserCreate = z.infer<typeof UserCreateSchema>;

export const USER_SORT_FIELDS = ['name', 'email', 'createdAt', 'modifiedAt'] as const;
export const UserListQuerySchema = listQuerySchema(USER_SORT_FIELDS, 'name').extend({
  status: UserStatusSchema.optional(),
});
export const UserPageSchema = pageSchema(UserSchema);
