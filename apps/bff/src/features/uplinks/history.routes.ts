import { historyContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { createHistoryService } from './history.service.ts';

export function historyRoutes(router: ApiRouter, history: ReturnType<typeof createHistoryService>): void {
  router.handle(historyContract.uplinks, async ({ actor, params, query, c }) => {
    const { page, total } = await history.uplinks(actor, params.id, query);
    return toPage(c, page, total);
  });
  router.handle(historyContract.twin, ({ actor, params }) => history.reported(actor, params.id));
}
