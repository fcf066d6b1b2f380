import { deviceTypesContract } from '@openthings/domain';
import type { ApiRouter } from '../../http/router.ts';
import type { createDeviceTypesService } from './device-types.service.ts';

export function deviceTypesRoutes(
  router: ApiRouter,
  types: ReturnType<typeof createDeviceTypesService>,
): void {
  router.handle(deviceTypesContract.list, async ({ actor }) => ({
    data: await types.listDeviceTypes(actor),
  }));
  router.handle(deviceTypesContract.get, ({ actor, params }) => types.getDeviceType(actor, params.id));
}
