import { destinationsContract as c } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { DestinationsService } from './destinations.service.ts';

export function destinationsRoutes(router: ApiRouter, destinations: DestinationsService): void {
  router.handle(c.list, async ({ actor, query, c: ctx }) => {
    const { page, total } = await destinations.listDestinations(actor, query);
    return toPage(ctx, page, total);
  });
  router.handle(c.get, ({ actor, params }) => destinations.getDestination(actor, params.id));
  router.handle(c.create, ({ actor, body }) => destinations.createDestination(actor, body));
  router.handle(c.update, ({ actor, params, body }) =>
    destinations.updateDestination(actor, params.id, body),
  );
  router.handle(c.remove, async ({ actor, params }) => {
    await destinations.deleteDestination(actor, params.id);
    return null;
  });
  router.handle(c.activate, ({ actor, params }) => destinations.activate(actor, params.id));
  router.handle(c.testConnection, ({ actor, params }) => destinations.testConnection(actor, params.id));
  router.handle(c.link, async ({ actor, params }) => {
    await destinations.link(actor, params.id, params.destinationId);
    return null;
  });
  router.handle(c.unlink, async ({ actor, params }) => {
    await destinations.unlink(actor, params.id, params.destinationId);
    return null;
  });
  router.handle(c.attempts, async ({ actor, params, query, c: ctx }) => {
    const { page, total } = await destinations.attempts(actor, params.id, query);
    return toPage(ctx, page, total);
  });
  router.handle(c.deadLetters, async ({ actor, params, query, c: ctx }) => {
    const { page, total } = await destinations.deadLetters(actor, params.id, query);
    return toPage(ctx, page, total);
  });
  router.handle(c.replay, ({ actor, params }) => destinations.replayOne(actor, params.id, params.deliveryId));
  router.handle(c.replaySince, ({ actor, params, body }) =>
    destinations.replaySince(actor, params.id, body.since),
  );
  router.handle(c.inbox, ({ actor, params }) => destinations.inbox(actor, params.id));
}
