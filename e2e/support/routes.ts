import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { framePaths, notFoundPath, standalonePaths } from '../../apps/web/src/app/route-table.ts';
import { baseURL } from '../server.ts';
import { apiGet, apiPost } from './api.ts';

/** One page of the portal to visit. */
export interface PortalRoute {
  route: string;
  /** Whether it shows the signed-in frame (menu and header). */
  framed: boolean;
  /** Whether it is visited without a session (the sign-in page). */
  open: boolean;
}

type List = { data: { id: string; name?: string }[] };
const first = async (request: APIRequestContext, path: string) =>
  (await apiGet<List>(request, path, { limit: 1 })).data[0]?.id;

/**
 * Where a real id for each `:param` of the route table comes from: the seeded demo account, or a
 * record made for the purpose when the account has none yet.
 */
const samples: Record<string, (request: APIRequestContext) => Promise<string | undefined>> = {
  projectId: (r) => first(r, '/api/projects'),
  deviceId: (r) => first(r, '/api/devices'),
  simId: (r) => first(r, '/api/sims'),
  flowId: (r) => first(r, '/api/device-groups'),
  integrationId: async (r) =>
    (await first(r, '/api/lora/integrations')) ??
    (await apiPost<{ id: string }>(r, '/api/lora/integrations', { kind: 'chirpstack', name: 'Gate check' }))
      .id,
  destinationId: async (r) =>
    (await first(r, '/api/destinations')) ??
    (
      await apiPost<{ destination: { id: string } }>(r, '/api/destinations', {
        kind: 'HTTPS',
        name: 'Gate check',
        config: { url: 'https://example.com/hook' },
      })
    ).destination.id,
  reportId: async (r) => {
    const existing = await first(r, '/api/devices/bulk-reports');
    if (existing) return existing;
    // A run of one device.
    const projectId = await first(r, '/api/projects');
    const response = await r.post('/api/devices/bulk', {
      params: { deviceTypeId: 'generic-internet', projectId: projectId! },
      data: `name,dvnUuid\nGate check,${randomUUID()}\n`,
      headers: { 'content-type': 'text/csv', Origin: baseURL },
    });
    if (!response.ok()) throw new Error(`bulk run answered ${response.status()}: ${await response.text()}`);
    return ((await response.json()) as { id: string }).id;
  },
};

/**
 * The address of a route of the table with its `:param`s filled from the signed-in account (the
 * not-found page `*` at a made-up address). A parameter with no sample, or whose sample the account
 * lacks, fails here: a new page is covered, or the gate says why not.
 */
export async function pageUrl(request: APIRequestContext, route: string): Promise<string> {
  if (route === notFoundPath) return '/no-such-page';
  let url = `/${route}`;
  for (const [, name] of route.matchAll(/:(\w+)/g)) {
    const sample = samples[name!];
    if (!sample)
      throw new Error(`No sample id for :${name} (route ${route}): add one to e2e/support/routes.ts`);
    const id = await sample(request);
    if (!id) throw new Error(`The demo account has nothing for :${name} (route ${route})`);
    url = url.replace(`:${name}`, id);
  }
  return url;
}

/** Every page of the portal: the route table's, and the not-found page. */
export const portalRoutes: PortalRoute[] = [
  ...standalonePaths.map((route) => ({ route, framed: false, open: route === 'login' })),
  ...framePaths.map((route) => ({ route, framed: true, open: false })),
  { route: notFoundPath, framed: true, open: false },
];
