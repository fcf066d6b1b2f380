import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { hasPermission } from '../features/auth/auth.api.ts';
import { useSessionUser } from '../features/auth/session-context.tsx';
import { projectsQueries } from '../features/projects/projects.api.ts';

/**
 * The project picker's choice (PRODUCT §2): `null` works across all projects. Kept in localStorage so
 * it survives reloads and new tabs; every hook using it sees one value.
 */
const KEY = 'openthings.project';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

let current = read();

export function setProjectScope(projectId: string | null): void {
  if (projectId === current) return;
  current = projectId;
  try {
    if (projectId === null) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, projectId);
  } catch {
    // Without storage the choice lasts until the page is reloaded.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useProjectScope(): string | null {
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
}

/** Every project, for the picker and project filters; a customer has a handful, a page of 500 covers them. */
export const ALL_PROJECTS_QUERY = { sort: 'name', limit: 500 } as const;

/**
 * The picker's project once it is known to exist for this user — a remembered project that is gone
 * counts as none — with the user's projects.
 */
export function useCheckedProjectScope() {
  const user = useSessionUser();
  const projectId = useProjectScope();
  const projects = useQuery({
    ...projectsQueries.list(ALL_PROJECTS_QUERY),
    enabled: hasPermission(user, 'projects:read'),
  });
  const list = projects.data?.data;
  const scope = list && projectId && !list.some((p) => p.id === projectId) ? null : projectId;
  return { scope, projects: list };
}
