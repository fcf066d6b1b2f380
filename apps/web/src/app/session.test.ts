import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './session.ts';

describe('coming back after signing in', () => {
  it('remembers the page and its query', () => {
    expect(loginPath({ pathname: '/projects', search: '?sort=-name' })).toBe(
      '/login?next=%2Fprojects%3Fsort%3D-name',
    );
    expect(loginPath({ pathname: '/', search: '' })).toBe('/login');
  });

  it('only returns to pages of this app', () => {
    expect(safeNext('/projects?sort=-name')).toBe('/projects?sort=-name');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example/')).toBe('/');
  });
});
