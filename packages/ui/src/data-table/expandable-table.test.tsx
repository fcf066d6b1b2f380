import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { ExpandableTable } from './expandable-table.tsx';

interface Attempt {
  id: string;
  at: string;
  status: number;
}

const rows: Attempt[] = [
  { id: 'a1', at: '12:00:01', status: 400 },
  { id: 'a2', at: '12:00:07', status: 200 },
];

function renderTable(props: { data?: Attempt[] | undefined; onReplay?: () => void } = {}) {
  return renderWithUi(
    <ExpandableTable<Attempt>
      label="Delivery log"
      columns={[
        { id: 'at', header: 'Time', cell: (a) => a.at },
        { id: 'status', header: 'Status', cell: (a) => a.status },
        {
          id: 'actions',
          header: 'Actions',
          cell: () => (
            <button type="button" onClick={props.onReplay}>
              Replay
            </button>
          ),
        },
      ]}
      data={'data' in props ? props.data : rows}
      getRowId={(a) => a.id}
      getRowName={(a) => `attempt at ${a.at}`}
      renderDetails={(a) => <p>Headers of {a.id}</p>}
      empty={{ message: 'No attempts yet' }}
    />,
  );
}

describe('ExpandableTable', () => {
  it('opens and closes a row with its toggle, saying which row it is', () => {
    renderTable();
    const toggle = screen.getByRole('button', { name: 'Show details of attempt at 12:00:01' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByText('Headers of a1')).toBeTruthy();
    const hide = screen.getByRole('button', { name: 'Hide details of attempt at 12:00:01' });
    expect(hide.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(hide.getAttribute('aria-controls') ?? '')?.textContent).toContain(
      'Headers of a1',
    );
    fireEvent.click(hide);
    expect(screen.queryByText('Headers of a1')).toBeNull();
  });

  it('opens a row when it is clicked, but not when one of its buttons is', () => {
    const onReplay = vi.fn();
    renderTable({ onReplay });
    fireEvent.click(screen.getByText('12:00:07'));
    expect(screen.getByText('Headers of a2')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Replay' })[0]!);
    expect(onReplay).toHaveBeenCalledTimes(1);
    expect(screen.queryByText('Headers of a1')).toBeNull();
  });

  it('shows placeholders while loading and the empty message without rows', () => {
    const { unmount } = renderTable({ data: undefined });
    expect(screen.getAllByTestId('data-table-skeleton-row').length).toBeGreaterThan(0);
    unmount();
    renderTable({ data: [] });
    expect(screen.getByText('No attempts yet')).toBeTruthy();
  });
});
