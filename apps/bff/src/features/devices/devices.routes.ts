import { bindingsContract, bulkContract, devicesContract, flowsContract } from '@openthings/domain';
import { exportResponse } from '../../http/file-export.ts';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { FlowsService } from '../flows/flows.service.ts';
import type { createBindingsService } from './bindings.service.ts';
import type { createBulkService } from './bulk.service.ts';
import type { DevicesExport } from './devices.export.ts';
import type { DevicesService } from './devices.service.ts';
import type { createNetworkAdaptersService } from './network-adapters.service.ts';

export function devicesRoutes(
  router: ApiRouter,
  devices: DevicesService,
  adapters: ReturnType<typeof createNetworkAdaptersService>,
  flows: FlowsService,
  exporter: DevicesExport,
): void {
  router.handle(devicesContract.list, async ({ actor, query, c }) => {
    const { page, total } = await devices.listDevices(actor, query);
    return toPage(c, page, total);
  });
  router.handle(devicesContract.export, ({ actor, query }) => exporter.exportDevices(actor, query));
  router.handle(devicesContract.get, ({ actor, params }) => devices.getDevice(actor, params.id));
  router.handle(devicesContract.create, ({ actor, body }) => devices.registerDevice(actor, body));
  router.handle(devicesContract.update, ({ actor, params, body }) =>
    devices.updateDevice(actor, params.id, body),
  );
  router.handle(devicesContract.remove, async ({ actor, params }) => {
    await devices.deleteDevice(actor, params.id);
    return null;
  });
  router.handle(devicesContract.activate, ({ actor, params }) => devices.activate(actor, params.id));
  router.handle(devicesContract.deactivate, ({ actor, params }) => devices.deactivate(actor, params.id));
  router.handle(devicesContract.bulkAction, ({ actor, body }) => devices.bulkAction(actor, body, flows));

  router.handle(devicesContract.listAdapters, async ({ actor, params }) => ({
    data: await adapters.listAdapters(actor, params.id),
  }));
  router.handle(devicesContract.createAdapter, ({ actor, params, body }) =>
    adapters.addAdapter(actor, params.id, body),
  );
  router.handle(devicesContract.updateAdapter, ({ actor, params, body }) =>
    adapters.updateAdapter(actor, params.id, params.adapterId, body),
  );
  router.handle(devicesContract.removeAdapter, async ({ actor, params }) => {
    await adapters.removeAdapter(actor, params.id, params.adapterId);
    return null;
  });
  router.handle(devicesContract.regenerateSecret, ({ actor, params }) =>
    adapters.regenerateSecret(actor, params.id, params.adapterId),
  );
  router.handle(flowsContract.ofDevice, async ({ actor, params }) => ({
    data: await flows.flowsOfDevice(actor, params.id),
  }));
}

export function bindingsRoutes(router: ApiRouter, bindings: ReturnType<typeof createBindingsService>): void {
  router.handle(bindingsContract.listHttp, async ({ actor, query, c }) => {
    const { page, total } = await bindings.listHttp(actor, query);
    return toPage(c, page, total);
  });
  router.handle(bindingsContract.getHttp, ({ actor, params }) => bindings.getHttp(actor, params.id));
  router.handle(bindingsContract.listMqtt, async ({ actor, query, c }) => {
    const { page, total } = await bindings.listMqtt(actor, query);
    return toPage(c, page, total);
  });
  router.handle(bindingsContract.getMqtt, ({ actor, params }) => bindings.getMqtt(actor, params.id));
  router.handle(bindingsContract.createMqtt, ({ actor, body }) => bindings.createMqtt(actor, body));
  router.handle(bindingsContract.mqttBroker, () => bindings.mqttBroker());
  router.handle(bindingsContract.updateMqtt, ({ actor, params, body }) =>
    bindings.updateMqtt(actor, params.id, body.password),
  );
  router.handle(bindingsContract.removeMqtt, async ({ actor, params }) => {
    await bindings.removeMqtt(actor, params.id);
    return null;
  });
  router.handle(bindingsContract.listLora, async ({ actor, query, c }) => {
    const { page, total } = await bindings.listLora(actor, query);
    return toPage(c, page, total);
  });
  router.handle(bindingsContract.getLora, ({ actor, params }) => bindings.getLora(actor, params.id));
}

export function bulkRoutes(router: ApiRouter, bulk: ReturnType<typeof createBulkService>): void {
  router.handle(
    bulkContract.template,
    () =>
      new Response(bulk.template(), {
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="devices-template.csv"',
        },
      }),
  );
  router.handle(bulkContract.validate, ({ actor, query, body }) => bulk.validate(actor, query, body));
  router.handle(bulkContract.execute, ({ actor, query, body }) => bulk.execute(actor, query, body));
  router.handle(bulkContract.reports, async ({ actor, query, c }) => {
    const { page, total } = await bulk.listReports(actor, query);
    return toPage(c, page, total);
  });
  router.handle(bulkContract.report, ({ actor, params }) => bulk.getReport(actor, params.id));
  router.handle(bulkContract.secrets, async ({ actor, params }) => {
    const file = await bulk.downloadSecrets(actor, params.id);
    // Read and deleted already: the response is the only copy (no-store, an attachment).
    return exportResponse({
      format: 'csv',
      fileName: file.fileName,
      sheetName: 'Generated secrets',
      columns: file.columns.map((label) => ({ label })),
      rows: (async function* () {
        if (file.rows.length > 0) yield file.rows;
      })(),
    });
  });
}
