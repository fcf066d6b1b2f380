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
