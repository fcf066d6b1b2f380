import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { FilterPanel } from './filter-panel.tsx';
import type { FilterDefinition } from './filters.ts';

const filters: FilterDefinition[] = [
  {
    id: 'status',
    label: 'Status',
    type: 'options',
    options: [
      { value: 'ACTIVE', label: 'Active' },
      { value: 'INVENTORY', label: 'Inventory' },
    ],
  },
  {
    id: 'flow',
    label: 'Flow',
    type: 'options',
    multiple: false,
    options: [
      { value: 'f1', label: 'Fleet telemetry' },
      { value: 'f2', label: 'Alarms' },
    ],
  },
  { id: 'lastMessage', label: 'Last message', type: 'dateRange' },
];

describe('FilterPanel', () => {
  it('counts the filters in use on its button', () => {
    renderWithUi(
      <FilterPanel filters={filters} value={{ status: ['ACTIVE'], flow: ['f1'] }} onApply={vi.fn()} />,
    );
    expect(screen.getByRole('button', { name: /Filters/ }).textContent).toContain('2');
  });

  it('applies ticked values, a single choice and a date range together', () => {
    const onApply = vi.fn();
    renderWithUi(<FilterPanel filters={filters} value={{ status: ['ACTIVE'] }} onApply={onApply} />);
    fireEvent.click(screen.getByRole('button', { name: /Filters/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Inventory' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Alarms' }));
    fireEvent.change(screen.getByLabelText('Last message from'), { target: { value: '2026-11-01' } });
    expect(onApply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith({
      status: ['ACTIVE', 'INVENTORY'],
      flow: ['f2'],
      lastMessage: { from: '2026-11-01' },
    });
  });

  it('clears everything in the draft and applies no filter', () => {
    const onApply = vi.fn();
    renderWithUi(
      <FilterPanel filters={filters} value={{ status: ['ACTIVE'], flow: ['f1'] }} onApply={onApply} />,
    );
    fireEvent.click(screen.getByRole('button', { name: /Filters/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith({});
  });

  it('refuses a range that ends before it starts', () => {
    renderWithUi(<FilterPanel filters={filters} value={{}} onApply={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: /Filters/ }));
    fireEvent.change(screen.getByLabelText('Last message from'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('Last message to'), { target: { value: '2026-11-01' } });
    expect(screen.getByText('Ends before it starts')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(true);
  });

  it('forgets an unapplied draft when cancelled', () => {
    const onApply = vi.fn();
    renderWithUi(<FilterPanel filters={filters} value={{}} onApply={onApply} />);
    fireEvent.click(screen.getByRole('button', { name: /Filters/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Active' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.click(screen.getByRole('button', { name: /Filters/ }));
    expect((screen.getByRole('checkbox', { name: 'Active' }) as HTMLInputElement).checked).toBe(false);
    expect(onApply).not.toHaveBeenCalled();
  });
});
