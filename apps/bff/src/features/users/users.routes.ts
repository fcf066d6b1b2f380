import { usersContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { createUsersService } from './users.service.ts';

export function usersRoutes(router: ApiRouter, users: ReturnType<typeof createUsersService>): void {
  router.handle(usersContract.list, async ({ actor, query, c }) => {
    const { page, total } = await users.listUsers(actor, query);
    return toPage(c, page, total);
  });
  router.handle(usersContract.get, ({ actor, params }) => users.getUser(actor, params.id));
  router.handle(usersContract.create, ({ actor, body }) => users.createUser(actor, body));
}
