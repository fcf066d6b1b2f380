import { DomainError } from '@openthings/domain';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { httpSenmlConnector } from './connectors/http-senml.ts';
import { loraConnector } from './connectors/lora.ts';
import { apiKeysRoutes } from './features/api-keys/api-keys.routes.ts';
import { createApiKeysService } from './features/api-keys/api-keys.service.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { createAuthService } from './features/auth/auth.service.ts';
import { connectivityRoutes } from './features/connectivity/connectivity.routes.ts';
import { createConnectivityService } from './features/connectivity/connectivity.service.ts';
import { createSimExport } from './features/connectivity/sim-export.ts';
import { customersRoutes } from './features/customers/customers.routes.ts';
import { createCustomersService } from './features/customers/customers.service.ts';
import { destinationsRoutes } from './features/destinations/destinations.routes.ts';
import { createDestinationsService } from './features/destinations/destinations.service.ts';
import { deviceTypesRoutes } from './features/device-types/device-types.routes.ts';
import { createDeviceTypesService } from './features/device-types/device-types.service.ts';
import { createBindingsService } from './features/devices/bindings.service.ts';
import { createBulkService } from './features/devices/bulk.service.ts';
import { createDevicesExport } from './features/devices/devices.export.ts';
import { bindingsRoutes, bulkRoutes, devicesRoutes } from './features/devices/devices.routes.ts';
import { createDevicesService } from './features/devices/devices.service.ts';
import { createNetworkAdaptersService } from './features/devices/network-adapters.service.ts';
import { createDataProcessingService } from './features/flows/data-processing.service.ts';
import { dataProcessingRoutes, flowsRoutes } from './features/flows/flows.routes.ts';
import { createFlowsService } from './features/flows/flows.service.ts';
import { loraIntegrationsRoutes } from './features/lora-integrations/lora-integrations.routes.ts';
import { createLoraIntegrationsService } from './features/lora-integrations/lora-integrations.service.ts';
import { projectsRoutes } from './features/projects/projects.routes.ts';
import { createProjectsService } from './features/projects/projects.service.ts';
import { historyRoutes } from './features/uplinks/history.routes.ts';
import { createHistoryService } from './features/uplinks/history.service.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { createUsersService } from './features/users/users.service.ts';
import { viewsRoutes } from './features/views/views.routes.ts';
import { createViewsService } from './features/views/views.service.ts';
import { authenticate } from './http/auth.ts';
import { observe } from './http/observability.ts';
import { buildOpenApi } from './http/openapi.ts';
import { errorToResponse, problemResponse } from './http/problem.ts';
import { ApiRouter } from './http/router.ts';
import { serveSpa } from './http/spa.ts';
import type { AppEnv, Deps } from './http/types.ts';
import { type Target, testDestination } from './pipeline/deliver/senders/index.ts';
import { createLoraIngestService } from './pipeline/ingest/lora-ingest.service.ts';
import { createPipeline, type Pipeline } from './pipeline/pipeline.ts';

const VERSION = '0.1.0';

/** The HTTP app; its connectors feed `pipeline` (the process's own, or one made here). */
export function createApp(deps: Deps, pipeline: Pipeline = createPipeline(deps)) {
  const { env, logger, metrics } = deps;
  const app = new Hono<AppEnv>();

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(observe(logger, metrics));
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.onError((error, c) => {
    if (!(error instanceof DomainError))
      logger.error({ err: error, reqId: c.get('requestId') }, 'unhandled error');
    return errorToResponse(c, error);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await deps.database.ping();
      return c.json({ status: 'ready', database: deps.database.driver });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      return c.json({ status: 'unavailable', database: deps.database.driver }, 503);
    }
  });
  app.get('/metrics', async (c) => {
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  const api = new Hono<AppEnv>();
  const auth = createAuthService(deps);
  // Only the API: connectors (/ingestion/…) authenticate their senders themselves, some with a bearer.
  api.use('/api/*', authenticate(auth, env));

  const router = new ApiRouter(api);
  authRoutes(router, auth, env);
  projectsRoutes(router, createProjectsService(deps));
  usersRoutes(router, createUsersService(deps));
  apiKeysRoutes(router, createApiKeysService(deps, auth.forgetApiKey));
  customersRoutes(router, createCustomersService(deps));
  connectivityRoutes(router, createConnectivityService(deps), createSimExport(deps));
  deviceTypesRoutes(router, createDeviceTypesService(deps));
  const devices = createDevicesService(deps);
  const flows = createFlowsService(deps);
  // Before devicesRoutes: /api/devices/bulk-reports must not be read as /api/devices/{id}.
  bulkRoutes(router, createBulkService(deps));
  devicesRoutes(router, devices, createNetworkAdaptersService(deps), flows, createDevicesExport(deps));
  bindingsRoutes(router, createBindingsService(deps));
  // The webhook connector (below) caches integrations; a deletion drops its entry at once.
  loraIntegrationsRoutes(
    router,
    createLoraIntegrationsService(deps, (id) => loraIngest.forget(id)),
  );
  flowsRoutes(router, flows, devices);
  viewsRoutes(router, createViewsService(deps));
  const allowPrivate = deps.env.ALLOW_PRIVATE_DESTINATIONS;
  const testConnection = (target: Target, at: Date) =>
    testDestination({ db: deps.db, allowPrivate }, target, at);
  destinationsRoutes(router, createDestinationsService(deps, testConnection));
  dataProcessingRoutes(router, createDataProcessingService(deps));
  historyRoutes(router, createHistoryService(deps));

  const openapi = buildOpenApi(router.contracts, { version: VERSION });
  api.get('/api/openapi.json', (c) => c.json(openapi));
  api.all('/api/*', (c) =>
    problemResponse(c, 'route.not_found', 404, { detail: `No API route ${c.req.method} ${c.req.path}` }),
  );
  app.route('/', api);

  const { ingest } = pipeline;
  httpSenmlConnector(app, ingest);
  const loraIngest = createLoraIngestService(deps, ingest);
  loraConnector(app, loraIngest);

  if (env.WEB_DIST) serveSpa(app, env.WEB_DIST);
  app.notFound((c) => problemResponse(c, 'route.not_found', 404));
  return { app, router, metrics, pipeline };
}
