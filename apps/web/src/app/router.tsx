import { PageLoader } from '@openthings/ui';
import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, redirect } from 'react-router';
import { RouteError } from './route-error.tsx';
import { requireSession } from './session.ts';

/** Shown while the first page's loaders run. */
function HydrateFallback() {
  return <PageLoader />;
}

/**
 * Routes: `/login` stands alone; every other page sits in the signed-in layout, whose loader asks
 * the server who is signed in. Pages are loaded lazily, each its own chunk.
 */
export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      errorElement: <RouteError />,
      HydrateFallback,
      children: [
        {
          path: '/login',
          lazy: () => import('./routes/login-page.tsx').then((m) => ({ Component: m.LoginPage })),
        },
        {
          // The device simulator is used on phones: signed in, but without the portal's frame.
          path: '/simulator/:deviceId',
          loader: requireSession(queryClient),
          lazy: () => import('./routes/simulator-page.tsx').then((m) => ({ Component: m.SimulatorPage })),
        },
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
                {
                  path: 'projects',
                  lazy: () =>
                    import('./routes/projects-page.tsx').then((m) => ({ Component: m.ProjectsPage })),
                },
                {
                  path: 'projects/:projectId',
                  lazy: () => import('./routes/project-page.tsx').then((m) => ({ Component: m.ProjectPage })),
                },
                {
                  path: 'devices',
                  lazy: () => import('./routes/devices-page.tsx').then((m) => ({ Component: m.DevicesPage })),
                },
                {
                  path: 'devices/new',
                  lazy: () =>
                    import('./routes/device-new-page.tsx').then((m) => ({ Component: m.DeviceNewPage })),
                },
                {
                  path: 'devices/bulk',
                  lazy: () =>
                    import('./routes/devices-bulk-page.tsx').then((m) => ({ Component: m.DevicesBulkPage })),
                },
                {
                  path: 'devices/bulk-reports',
                  lazy: () =>
                    import('./routes/bulk-reports-page.tsx').then((m) => ({ Component: m.BulkReportsPage })),
                },
                {
                  path: 'devices/bulk-reports/:reportId',
                  lazy: () =>
                    import('./routes/bulk-report-page.tsx').then((m) => ({ Component: m.BulkReportPage })),
                },
                {
                  path: 'devices/:deviceId',
                  lazy: () => import('./routes/device-page.tsx').then((m) => ({ Component: m.DevicePage })),
                },
                {
                  path: 'connectivity/sims',
                  lazy: () => import('./routes/sims-page.tsx').then((m) => ({ Component: m.SimsPage })),
                },
                {
                  path: 'connectivity/sims/:simId',
                  lazy: () => import('./routes/sim-page.tsx').then((m) => ({ Component: m.SimPage })),
                },
                {
                  path: 'lora/integrations',
                  lazy: () =>
                    import('./routes/lora-integrations-page.tsx').then((m) => ({
                      Component: m.LoraIntegrationsPage,
                    })),
                },
                {
                  path: 'lora/integrations/:integrationId',
                  lazy: () =>
                    import('./routes/lora-integration-page.tsx').then((m) => ({
                      Component: m.LoraIntegrationPage,
                    })),
                },
                {
                  path: 'simulator',
                  lazy: () =>
                    import('./routes/simulator-devices-page.tsx').then((m) => ({
                      Component: m.SimulatorDevicesPage,
                    })),
                },
                {
                  path: 'flows',
                  lazy: () => import('./routes/flows-page.tsx').then((m) => ({ Component: m.FlowsPage })),
                },
                {
                  path: 'flows/:flowId',
                  lazy: () => import('./routes/flow-page.tsx').then((m) => ({ Component: m.FlowPage })),
                },
                {
                  path: 'destinations',
                  lazy: () =>
                    import('./routes/destinations-page.tsx').then((m) => ({ Component: m.DestinationsPage })),
                },
                {
                  path: 'destinations/new',
                  lazy: () =>
                    import('./routes/destination-new-page.tsx').then((m) => ({
                      Component: m.DestinationNewPage,
                    })),
                },
                {
                  path: 'destinations/:destinationId',
                  lazy: () =>
                    import('./routes/destination-page.tsx').then((m) => ({ Component: m.DestinationPage })),
                },
                {
                  path: 'destinations/:destinationId/edit',
                  lazy: () =>
                    import('./routes/destination-edit-page.tsx').then((m) => ({
                      Component: m.DestinationEditPage,
                    })),
                },
                {
                  path: 'users',
                  lazy: () => import('./routes/users-page.tsx').then((m) => ({ Component: m.UsersPage })),
                },
                {
                  path: '*',
                  lazy: () =>
                    import('./routes/not-found-page.tsx').then((m) => ({ Component: m.NotFoundPage })),
                },
              ],
            },
          ],
        },
      ],
    },
  ]);
}
