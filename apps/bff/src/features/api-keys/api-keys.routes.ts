import { apiKeysContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { createApiKeysService } from './api-keys.service.ts';

export function apiKeysRoutes(router: ApiRouter, apiKeys: ReturnType<typeof createApiKeysService>): void {
  router.handle(apiKeysContract.list, async ({ actor, query, c }) => {
    const { page, total } = await apiKeys.listApiKeys(actor, query);
    return toPage(c, page, total);
  });
  router.handle(apiKeysContract.get, ({ actor, params }) => apiKeys.getApiKey(actor, params.id));
  router.handle(apiKeysContract.create, ({ actor, body }) => apiKeys.createApiKey(actor, body));
  router.handle(apiKeysContract.revoke, async ({ actor, params }) => {
    await apiKeys.revokeApiKey(actor, params.id);
    return null;
  });
}
