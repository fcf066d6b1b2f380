import { viewsContract } from '@openthings/domain';
import type { ApiRouter } from '../../http/router.ts';
import type { createViewsService } from './views.service.ts';

export function viewsRoutes(router: ApiRouter, views: ReturnType<typeof createViewsService>): void {
  router.handle(viewsContract.list, async ({ actor, query }) => ({
    data: await views.listViews(actor, query.table),
  }));
  router.handle(viewsContract.get, ({ actor, params }) => views.getView(actor, params.id));
  router.handle(viewsContract.create, ({ actor, body }) => views.createView(actor, body));
  router.handle(viewsContract.update, ({ actor, params, body }) => views.updateView(actor, params.id, body));
  router.handle(viewsContract.remove, async ({ actor, params }) => {
    await views.deleteView(actor, params.id);
    return null;
  });
}
