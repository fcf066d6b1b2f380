import { connectivityContract, simExportContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { ConnectivityService } from './connectivity.service.ts';
import type { createSimExport } from './sim-export.ts';

export function connectivityRoutes(
  router: ApiRouter,
  connectivity: ConnectivityService,
  exporter: ReturnType<typeof createSimExport>,
): void {
  // Before `get`: otherwise `/api/sims/plans` and `/api/sims/export` would be taken for a SIM id.
  router.handle(simExportContract, ({ actor, query }) => exporter.exportSims(actor, query));
  router.handle(connectivityContract.plans, () => connectivity.listSimPlans());
  router.handle(connectivityContract.list, async ({ actor, query, c }) => {
    const { page, total } = await connectivity.listSims(actor, query);
    return toPage(c, page, total);
  });
  router.handle(connectivityContract.get, ({ actor, params }) => connectivity.getSim(actor, params.id));
  router.handle(connectivityContract.update, ({ actor, params, body }) =>
    connectivity.changeSim(actor, params.id, body),
  );
  router.handle(connectivityContract.linkDevice, ({ actor, params, body }) =>
    connectivity.linkDevice(actor, params.id, body.deviceId),
  );
  router.handle(connectivityContract.unlinkDevice, ({ actor, params }) =>
    connectivity.unlinkDevice(actor, params.id),
  );
  router.handle(connectivityContract.swap, ({ actor, params, body }) =>
    connectivity.swapSim(actor, params.id, body.newIccid),
  );
  router.handle(connectivityContract.sync, ({ actor }) => connectivity.syncSims(actor));
  router.handle(connectivityContract.loraPlans, () => connectivity.listLoraConnectivityPlans());
}
