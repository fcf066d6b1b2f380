import { PageLoader } from '@openthings/ui';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, redirect } from 'react-router';
import { RouteError } from './route-error.tsx';
import {
  type FramePath,
  framePaths,
  notFoundPath,
  type StandalonePath,
  standalonePaths,
} from './route-table.ts';
import { requireSession } from './session.ts';

/** Shown while the first page's loaders run. */
function HydrateFallback() {
  return <PageLoader />;
}

type Page = () => Promise<ComponentType>;

/** Each path's page, loaded lazily: each its own chunk. */
const pages: Record<StandalonePath | FramePath | typeof notFoundPath, Page> = {
  login: () => import('./routes/login-page.tsx').then((m) => m.LoginPage),
  '*': () => import('./routes/not-found-page.tsx').then((m) => m.NotFoundPage),
  'simulator/:deviceId': () => import('./routes/simulator-page.tsx').then((m) => m.SimulatorPage),
  projects: () => import('./routes/projects-page.tsx').then((m) => m.ProjectsPage),
  'projects/:projectId': () => import('./routes/project-page.tsx').then((m) => m.ProjectPage),
  devices: () => import('./routes/devices-page.tsx').then((m) => m.DevicesPage),
  'devices/new': () => import('./routes/device-new-page.tsx').then((m) => m.DeviceNewPage),
  'devices/bulk': () => import('./routes/devices-bulk-page.tsx').then((m) => m.DevicesBulkPage),
  'devices/bulk-reports': () => import('./routes/bulk-reports-page.tsx').then((m) => m.BulkReportsPage),
  'devices/bulk-reports/:reportId': () =>
    import('./routes/bulk-report-page.tsx').then((m) => m.BulkReportPage),
  'devices/:deviceId': () => import('./routes/device-page.tsx').then((m) => m.DevicePage),
  'connectivity/sims': () => import('./routes/sims-page.tsx').then((m) => m.SimsPage),
  'connectivity/sims/:simId': () => import('./routes/sim-page.tsx').then((m) => m.SimPage),
  'lora/integrations': () =>
    import('./routes/lora-integrations-page.tsx').then((m) => m.LoraIntegrationsPage),
  'lora/integrations/:integrationId': () =>
    import('./routes/lora-integration-page.tsx').then((m) => m.LoraIntegrationPage),
  simulator: () => import('./routes/simulator-devices-page.tsx').then((m) => m.SimulatorDevicesPage),
  flows: () => import('./routes/flows-page.tsx').then((m) => m.FlowsPage),
  'flows/:flowId': () => import('./routes/flow-page.tsx').then((m) => m.FlowPage),
  destinations: () => import('./routes/destinations-page.tsx').then((m) => m.DestinationsPage),
  'destinations/new': () => import('./routes/destination-new-page.tsx').then((m) => m.DestinationNewPage),
  'destinations/:destinationId': () => import('./routes/destination-page.tsx').then((m) => m.DestinationPage),
  'destinations/:destinationId/edit': () =>
    import('./routes/destination-edit-page.tsx').then((m) => m.DestinationEditPage),
  users: () => import('./routes/users-page.tsx').then((m) => m.UsersPage),
};

const lazyRoute = (path: string, page: Page) => ({
  path,
  lazy: () => page().then((Component) => ({ Component })),
});

/**
 * Routes (from `route-table.ts`): `/login` stands alone; the simulator is signed in but frameless;
 * every other page sits in the signed-in layout, whose loader asks the server who is signed in.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      HydrateFallback,
      children: [
        ...standalonePaths.map((path) => ({
          ...lazyRoute(`/${path}`, pages[path]),
          ...(path === 'login' ? {} : { loader: requireSession(queryClient) }),
        })),
        {
          id: 'app',
          path: '/',
          loader: requireSession(queryClient),
          lazy: () => import('./layouts/app-layout.tsx').then((m) => ({ Component: m.AppLayout })),
          children: [
            {
              // Errors of a page show inside the frame, so the menu stays usable.
              errorElement: <RouteError />,
              children: [
                { index: true, loader: () => redirect('/projects') },
                ...framePaths.map((path) => lazyRoute(path, pages[path])),
                lazyRoute(notFoundPath, pages[notFoundPath]),
              ],
            },
          ],
        },
      ],
    },
  ]);
}
