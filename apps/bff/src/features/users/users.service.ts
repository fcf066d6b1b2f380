import { type Actor, DomainError, type User, type UserCreate } from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import * as repo from './users.repo.ts';

function toUser(row: repo.UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles,
    status: row.status,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/** Adds a user; used by the API and by seeding (where `actor` is the system). */
export async function addUser(tx: Db | Tx, actor: Actor | 'system', customerId: string, input: UserCreate) {
  if (await repo.emailExists(tx, input.email)) {
    throw new DomainError(
      'users.email_taken',
      {},
      { 'body.email': ['A user with this email address already exists'] },
    );
  }
  const id = await repo.insertUser(tx, {
    customerId,
    email: input.email,
    name: input.name,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
  });
  await recordChange(tx, actor, {
    customerId,
    action: 'user.created',
    subjectType: 'user',
    subjectId: id,
    changes: { email: input.email, name: input.name, roles: input.roles },
  });
  return id;
}

export function createUsersService({ db }: Deps) {
  async function getUser(actor: Actor, id: string): Promise<User> {
    const row = await repo.findUser(db, actor.customerId, id);
    if (!row) throw new DomainError('resource.not_found', { detail: 'User not found' });
    return toUser(row);
  }
  return {
    async listUsers(actor: Actor, query: repo.UserListQuery) {
      const { page, total } = await repo.listUsers(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toUser) }, total };
    },
    getUser,
    async createUser(actor: Actor, input: UserCreate): Promise<User> {
      const id = await db.transaction((tx) => addUser(tx, actor, actor.customerId, input));
      return getUser(actor, id);
    },
  };
}

/** A deleted user can be restored for 10 days; after that it is purged. */
export const USER_RESTORE_DAYS = 10;

export function purgeDeletedUsers(db: Db, now: Date): Promise<number> {
  return repo.purgeDeletedUsers(db, new Date(now.getTime() - USER_RESTORE_DAYS * 24 * 3600_000));
}

export function isEmailRegistered(db: Db | Tx, email: string): Promise<boolean> {
  return repo.emailExists(db, email);
}
