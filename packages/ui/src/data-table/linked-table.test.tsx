import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { LinkedTable, type LinkedTableProps } from './linked-table.tsx';

interface Flow {
  id: string;
  name: string;
  deviceCount: number;
}

const flows: Flow[] = [
  { id: 'f1', name: 'Boilers', deviceCount: 3 },
  { id: 'f2', name: 'Meters', deviceCount: 12 },
];

function renderTable(props: Partial<LinkedTableProps<Flow>> = {}) {
  return renderWithUi(
    <LinkedTable<Flow>
      label="Linked flows"
      rows={flows}
      loadingText="Loading flows…"
      empty={{ title: 'In no flow' }}
      columns={[
        { header: 'Flow', cell: (f) => f.name, fw: 500 },
        { header: 'Devices', cell: (f) => f.deviceCount, align: 'right' },
      ]}
      {...props}
    />,
  );
}

describe('LinkedTable', () => {
  it('lists the linked rows under their headers', () => {
    renderTable();
    const table = screen.getByRole('table', { name: 'Linked flows' });
    expect(table.querySelectorAll('th')).toHaveLength(2);
    expect(screen.getByRole('row', { name: /Meters 12/ })).toBeTruthy();
  });

  it('says it is loading, or that nothing is linked', () => {
    const { unmount } = renderTable({ rows: undefined });
    expect(screen.getByText('Loading flows…')).toBeTruthy();
    unmount();
    renderTable({ rows: [] });
    expect(screen.getByText('In no flow')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('offers to unlink each row when it may', () => {
    const onClick = vi.fn();
    renderTable({ unlink: { label: (f) => `Unlink ${f.name}`, onClick } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlink Meters' }));
    expect(onClick).toHaveBeenCalledWith(flows[1]);
  });
});
