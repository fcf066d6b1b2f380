import type { Project, Role, User } from '@openthings/domain';
import type { APIRequestContext } from '@playwright/test';
import { baseURL } from '../server.ts';

/** The demo account every fresh embedded start seeds. */
export const DEMO = {
  email: 'admin@demo.local',
  password: 'Demo-Things-2026',
  name: 'Demo Admin',
  customer: 'Demo Company',
} as const;

// Changes made with a session cookie must name the portal's origin (the bff's CSRF check).
const changeHeaders = { Origin: baseURL };

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  if (!response.ok()) {
    throw new Error(`${response.url()} answered ${response.status()}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** Signs `request` in: its cookie jar then holds the session, as a browser's would. */
export async function signIn(request: APIRequestContext, email: string, password: string): Promise<void> {
  await ok(await request.post('/api/auth/login', { data: { email, password }, headers: changeHeaders }));
}

export async function createUser(
  request: APIRequestContext,
  user: { email: string; name: string; password: string; roles: Role[] },
): Promise<User> {
  return ok<User>(await request.post('/api/users', { data: user, headers: changeHeaders }));
}

export async function updateProject(
  request: APIRequestContext,
  id: string,
  patch: { name?: string; description?: string },
): Promise<Project> {
  return ok<Project>(await request.patch(`/api/projects/${id}`, { data: patch, headers: changeHeaders }));
}

/** A unique address per call, so reruns against one database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`;
}

/** GET an API path with the signed-in `request`; `params` as in the URL. */
export async function apiGet<T>(
  request: APIRequestContext,
  path: string,
  params: Record<string, string | number> = {},
): Promise<T> {
  return ok<T>(await request.get(path, { params }));
}

export async function apiPost<T>(request: APIRequestContext, path: string, data?: unknown): Promise<T> {
  return ok<T>(await request.post(path, { data, headers: changeHeaders }));
}

export async function apiDelete(request: APIRequestContext, path: string): Promise<void> {
  const response = await request.delete(path, { headers: changeHeaders });
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
}

/** The demo project with the fleet, by name. */
export async function projectByName(request: APIRequestContext, name: string): Promise<Project> {
  const { data } = await apiGet<{ data: Project[] }>(request, '/api/projects', { limit: 500 });
  const project = data.find((p) => p.name === name);
  if (!project) throw new Error(`No project named ${name}`);
  return project;
}

/** Removes the user's saved views of a table, so tests never see each other's defaults. */
export async function deleteSavedViews(request: APIRequestContext, table: 'devices' | 'sims'): Promise<void> {
  const { data } = await apiGet<{ data: { id: string }[] }>(request, '/api/views', { table });
  for (const view of data) await apiDelete(request, `/api/views/${view.id}`);
}
