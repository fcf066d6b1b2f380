import { loraIntegrationsContract } from '@openthings/domain';
import type { ApiRouter } from '../../http/router.ts';
import type { LoraIntegrationsService } from './lora-integrations.service.ts';

export function loraIntegrationsRoutes(router: ApiRouter, integrations: LoraIntegrationsService): void {
  router.handle(loraIntegrationsContract.list, async ({ actor }) => ({
    data: await integrations.listIntegrations(actor),
  }));
  router.handle(loraIntegrationsContract.get, ({ actor, params }) =>
    integrations.getIntegration(actor, params.id),
  );
  router.handle(loraIntegrationsContract.create, ({ actor, body }) =>
    integrations.createIntegration(actor, body),
  );
  router.handle(loraIntegrationsContract.remove, async ({ actor, params }) => {
    await integrations.deleteIntegration(actor, params.id);
    return null;
  });
}
