import { fireEvent, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { ColumnChooser, moveItem } from './column-chooser.tsx';

const columns = [
  { id: 'name', header: 'Name', required: true },
  { id: 'type', header: 'Type' },
  { id: 'status', header: 'Status' },
  { id: 'barcode', header: 'Barcode' },
];

/** The chooser with its value kept by a caller, as a page keeps it in the URL. */
function Controlled({ initial, onChange }: { initial: string[]; onChange: (value: string[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ColumnChooser
      columns={columns}
      value={value}
      onChange={(next) => {
        onChange(next);
        setValue(next);
      }}
      onReset={vi.fn()}
    />
  );
}

function open(value: string[], onChange = vi.fn()) {
  renderWithUi(<Controlled initial={value} onChange={onChange} />);
  fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
  return onChange;
}

describe('moveItem', () => {
  it('moves an item forward and back', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
  });

  it('leaves the list as it is for positions outside it', () => {
    expect(moveItem(['a', 'b'], 0, 5)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], -1, 0)).toEqual(['a', 'b']);
  });
});

describe('ColumnChooser', () => {
  it('lists the shown columns in table order, then the hidden ones', async () => {
    open(['status', 'name', 'type']);
    const shown = await screen.findByRole('list', { name: 'Shown columns' });
    expect(
      within(shown)
        .getAllByRole('checkbox')
        .map((c) => c.closest('li')?.textContent),
    ).toEqual(['Status', 'Name', 'Type']);
    const hidden = screen.getByRole('list', { name: 'Hidden columns' });
    expect(within(hidden).getByRole('checkbox', { name: 'Barcode' })).toBeTruthy();
  });

  it('moves a column down and up with the arrow buttons', async () => {
    const onChange = open(['name', 'type', 'status']);
    fireEvent.click(await screen.findByRole('button', { name: 'Move Type down' }));
    expect(onChange).toHaveBeenLastCalledWith(['name', 'status', 'type']);
    fireEvent.click(screen.getByRole('button', { name: 'Move Type up' }));
    expect(onChange).toHaveBeenLastCalledWith(['name', 'type', 'status']);
    fireEvent.click(screen.getByRole('button', { name: 'Move Type up' }));
    expect(onChange).toHaveBeenLastCalledWith(['type', 'name', 'status']);
  });

  it('counts every quick click, even before the new order comes back', () => {
    const onChange = vi.fn();
    renderWithUi(<ColumnChooser columns={columns} value={['name', 'type', 'status']} onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Status up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Status up' }));
    expect(onChange).toHaveBeenLastCalledWith(['status', 'name', 'type']);
  });

  it('counts every click when the caller re-renders with the old order and echoes each one late', () => {
    const onChange = vi.fn();
    const columnsOf = (value: string[]) => (
      <ColumnChooser columns={columns} value={value} onChange={onChange} />
    );
    const view = renderWithUi(columnsOf(['name', 'type', 'status']));
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Status up' }));
    // A render with the old order (a navigation still under way), then the first click's echo.
    view.rerender(columnsOf(['name', 'type', 'status']));
    fireEvent.click(screen.getByRole('button', { name: 'Move Status up' }));
    view.rerender(columnsOf(['name', 'status', 'type']));
    fireEvent.click(screen.getByRole('button', { name: 'Move Type up' }));
    expect(onChange.mock.calls.map(([order]) => order)).toEqual([
      ['name', 'status', 'type'],
      ['status', 'name', 'type'],
      ['status', 'type', 'name'],
    ]);
  });

  it('cannot move the first column up or the last one down', async () => {
    open(['name', 'type']);
    expect((await screen.findByRole('button', { name: 'Move Name up' })).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Move Type down' }).hasAttribute('disabled')).toBe(true);
  });

  it('reorders by dragging a column onto another', async () => {
    const onChange = open(['name', 'type', 'status']);
    const status = await screen.findByTestId('column-status');
    const name = screen.getByTestId('column-name');
    const dataTransfer = { setData: vi.fn(), effectAllowed: '', dropEffect: '' };
    fireEvent.dragStart(status, { dataTransfer });
    fireEvent.dragOver(name, { dataTransfer });
    expect(name.hasAttribute('data-over')).toBe(true);
    fireEvent.drop(name, { dataTransfer });
    expect(onChange).toHaveBeenCalledWith(['status', 'name', 'type']);
    expect(dataTransfer.setData).toHaveBeenCalledWith('text/plain', 'status');
  });

  it('hides a shown column and shows a hidden one at the end', async () => {
    const onChange = open(['name', 'type', 'status']);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Type' }));
    expect(onChange).toHaveBeenLastCalledWith(['name', 'status']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Barcode' }));
    expect(onChange).toHaveBeenLastCalledWith(['name', 'status', 'barcode']);
  });

  it('keeps required columns shown', async () => {
    open(['name', 'type']);
    expect((await screen.findByRole('checkbox', { name: 'Name' })).hasAttribute('disabled')).toBe(true);
  });
});
