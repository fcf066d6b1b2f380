import { useSyncExternalStore } from 'react';

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
