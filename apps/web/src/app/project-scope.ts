import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
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

/** Tables whose rows narrow to the chosen project: they stay, from their first page. */
const PROJECT_TABLES = ['/devices', '/devices/bulk-reports', '/connectivity/sims'];

/**
 * Where to go when the picker changes, or null to stay. On the project pages picking a project opens
 * it; a table narrows in place and starts again at its first page (its cursor belonged to the other
 * rows); any other page stays as it is.
 */
export function afterProjectChange(
  pathname: string,
  search: string,
  projectId: string | null,
): string | null {
  if (pathname === '/' || pathname === '/projects' || pathname.startsWith('/projects/')) {
    if (projectId) return `/projects/${projectId}`;
    return pathname.startsWith('/projects/') ? '/projects' : null;
  }
  if (PROJECT_TABLES.includes(pathname)) {
    const params = new URLSearchParams(search);
    params.delete('cursor');
    params.delete('page');
    const rest = params.toString();
    return `${pathname}${rest ? `?${rest}` : ''}`;
  }
  return null;
}

/**
 * The user chooses a project (or all, with null) — in the picker or with a page's button: the picker
 * follows, and the page moves as `afterProjectChange` says. Nothing else changes the picker.
 */
export function useChooseProject(): (projectId: string | null) => void {
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return (projectId) => {
    setProjectScope(projectId);
    const next = afterProjectChange(pathname, search, projectId);
    if (next !== null) navigate(next);
  };
}
