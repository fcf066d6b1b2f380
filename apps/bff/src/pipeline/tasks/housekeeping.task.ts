import { purgeExpiredCredentials } from '../../features/auth/auth.service.ts';
import { purgeDeletedUsers } from '../../features/users/users.service.ts';
import type { Deps } from '../../http/types.ts';

/** Drops expired sessions and access tokens and purges users past their restore period. */
export async function housekeeping({ db, now }: Pick<Deps, 'db' | 'now'>) {
  const at = now();
  return { credentials: await purgeExpiredCredentials(db, at), users: await purgeDeletedUsers(db, at) };
}
