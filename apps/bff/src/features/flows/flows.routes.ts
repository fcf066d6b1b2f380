import { dataProcessingContract, flowsContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { DevicesService } from '../devices/devices.service.ts';
import type { createDataProcessingService } from './data-processing.service.ts';
import type { FlowsService } from './flows.service.ts';

export function flowsRoutes(router: ApiRouter, flows: FlowsService, devices: DevicesService): void {
  router.handle(flowsContract.list, async ({ actor, query, c }) => {
    const { page, total } = await flows.listFlows(actor, query);
    return toPage(c, page, total);
  });
  router.handle(flowsContract.get, ({ actor, params }) => flows.getFlow(actor, params.id));
  router.handle(flowsContract.create, ({ actor, body }) => flows.createFlow(actor, body));
  router.handle(flowsContract.update, ({ actor, params, body }) => flows.updateFlow(actor, params.id, body));
  router.handle(flowsContract.remove, async ({ actor, params }) => {
    await flows.deleteFlow(actor, params.id);
    return null;
  });
  router.handle(flowsContract.devices, async ({ actor, params, query, c }) => {
    await flows.getFlow(actor, params.id);
    const { page, total } = await devices.listDevices(actor, { ...query, flowId: params.id });
    return toPage(c, page, total);
  });
  router.handle(flowsContract.link, async ({ actor, params }) => {
    await flows.link(actor, params.id, params.deviceId);
    return null;
  });
  router.handle(flowsContract.unlink, async ({ actor, params }) => {
    await flows.unlink(actor, params.id, params.deviceId);
    return null;
  });
}

export function dataProcessingRoutes(
  router: ApiRouter,
  processing: ReturnType<typeof createDataProcessingService>,
): void {
  router.handle(dataProcessingContract.get, ({ actor, params }) => processing.get(actor, params.id));
  router.handle(dataProcessingContract.toggle, ({ actor, params, body }) =>
    processing.toggle(actor, params.id, params.deviceTypeId, params.decoderId, body.enabled),
  );
  router.handle(dataProcessingContract.catalogue, () => ({ data: processing.catalogue() }));
}
