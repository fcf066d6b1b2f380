import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useTabParam } from './tab-param.ts';

type Tab = 'overview' | 'log' | 'inbox';

function renderTabs(url: string) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
  return renderHook(() => ({ tabs: useTabParam<Tab>('overview'), location: useLocation() }), { wrapper });
}

describe('useTabParam', () => {
  it('opens the tab the URL names, or the first when it names none that is shown', () => {
    expect(renderTabs('/d/1?tab=log').result.current.tabs.current(['overview', 'log'])).toBe('log');
    expect(renderTabs('/d/1?tab=inbox').result.current.tabs.current(['overview', 'log'])).toBe('overview');
    expect(renderTabs('/d/1').result.current.tabs.current(['overview', 'log'])).toBe('overview');
  });

  it('writes the tab into the URL, and drops it for the first tab', () => {
    const { result } = renderTabs('/d/1?q=x');
    act(() => result.current.tabs.set('log'));
    expect(result.current.location.search).toBe('?q=x&tab=log');
    act(() => result.current.tabs.set('overview'));
    expect(result.current.location.search).toBe('?q=x');
  });
});
