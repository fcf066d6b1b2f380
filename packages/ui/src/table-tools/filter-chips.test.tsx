import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { FilterChips, filterChips } from './filter-chips.tsx';
import type { FilterDefinition } from './filters.ts';

const filters: FilterDefinition[] = [
  {
    id: 'status',
    label: 'Status',
    type: 'options',
    options: [
      { value: 'ACTIVE', label: 'Active' },
      { value: 'DEACTIVATED', label: 'Deactivated' },
    ],
  },
  { id: 'lastMessage', label: 'Last message', type: 'dateRange' },
];

describe('FilterChips', () => {
  it('shows one chip per chosen value, with the option labels', () => {
    renderWithUi(
      <FilterChips
        filters={filters}
        value={{ status: ['ACTIVE', 'DEACTIVATED'], lastMessage: { from: '2026-11-01', to: '2026-11-27' } }}
        onChange={vi.fn()}
      />,
    );
    const group = screen.getByRole('group', { name: 'Filters in use' });
    expect(within(group).getByText('Status: Active')).toBeTruthy();
    expect(within(group).getByText('Status: Deactivated')).toBeTruthy();
    expect(within(group).getByText(/^Last message: .*2026 – .*2026$/)).toBeTruthy();
  });

  it('removes a single value and keeps the others', () => {
    const onChange = vi.fn();
    renderWithUi(
      <FilterChips filters={filters} value={{ status: ['ACTIVE', 'DEACTIVATED'] }} onChange={onChange} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter Status: Active' }));
    expect(onChange).toHaveBeenCalledWith({ status: ['DEACTIVATED'] });
  });

  it('drops the filter when its last value is removed', () => {
    const onChange = vi.fn();
    renderWithUi(
      <FilterChips
        filters={filters}
        value={{ status: ['ACTIVE'], lastMessage: { from: '2026-11-01' } }}
        onChange={onChange}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Remove filter Status: Active' }));
    expect(onChange).toHaveBeenCalledWith({ status: undefined, lastMessage: { from: '2026-11-01' } });
  });

  it('resets every filter at once', () => {
    const onChange = vi.fn();
    renderWithUi(<FilterChips filters={filters} value={{ status: ['ACTIVE'] }} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onChange).toHaveBeenCalledWith({});
  });

  it('shows nothing, not even "Reset", when no filter is in use', () => {
    renderWithUi(
      <FilterChips filters={filters} value={{ status: [], lastMessage: {} }} onChange={vi.fn()} />,
    );
    expect(screen.queryByRole('group', { name: 'Filters in use' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reset' })).toBeNull();
  });

  it('names a value the options no longer list by its raw value', () => {
    expect(filterChips(filters, { status: ['GONE'] }).map((c) => c.label)).toEqual(['Status: GONE']);
  });
});
