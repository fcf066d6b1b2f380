import { describe, expect, it } from 'vitest';
import { afterProjectChange } from './project-scope.ts';

describe('choosing a project in the picker', () => {
  it('opens the project from the project pages, and the list when cleared there', () => {
    expect(afterProjectChange('/projects', '', 'p-1')).toBe('/projects/p-1');
    expect(afterProjectChange('/projects/p-2', '', 'p-1')).toBe('/projects/p-1');
    expect(afterProjectChange('/projects/p-2', '', null)).toBe('/projects');
    expect(afterProjectChange('/projects', '', null)).toBeNull();
  });

  it('narrows a table in place, from its first page, keeping its view', () => {
    expect(afterProjectChange('/devices', '?status=ACTIVE&cursor=abc&page=3', 'p-1')).toBe(
      '/devices?status=ACTIVE',
    );
    expect(afterProjectChange('/connectivity/sims', '?page=2&cursor=x', null)).toBe('/connectivity/sims');
  });

  it('leaves other pages alone', () => {
    expect(afterProjectChange('/devices/d-1', '?tab=flows', 'p-1')).toBeNull();
    expect(afterProjectChange('/users', '', 'p-1')).toBeNull();
  });
});
