/**
 * The code of every page, loaded lazily (each its own chunk), and what can start loading with it: the
 * router uses both, and a page can warm the page its users most likely open next (`usePreloadPage`).
 */
import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, useEffect } from 'react';
import type { FramePath, notFoundPath, StandalonePath } from './route-table.ts';

export type Page = () => Promise<ComponentType>;

/** Each path's page, loaded lazily: each its own chunk. */
export const pages: Record<StandalonePath | FramePath | typeof notFoundPath, Page> = {
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

type Params = Record<string, string | undefined>;

/**
 * Data a page needs, started with its code on navigation instead of after its first render (the
 * requests run in parallel, not one after another). The page still reads it with its own queries.
 */
export const prefetchData: Partial<Record<FramePath, (queryClient: QueryClient, params: Params) => void>> = {
  'devices/:deviceId': (queryClient, { deviceId }) => {
    if (deviceId)
      void import('../features/devices/devices.api.ts').then((m) =>
        m.prefetchDevicePage(queryClient, deviceId),
      );
  },
};

/** Loads a page's code once the browser is idle, so that opening it later does not wait for it. */
export function usePreloadPage(path: keyof typeof pages, when = true) {
  useEffect(() => {
    if (!when) return;
    const load = () => void pages[path]().catch(() => {});
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(load, 200);
      return () => clearTimeout(timer);
    }
    const id = requestIdleCallback(load, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }, [path, when]);
}
