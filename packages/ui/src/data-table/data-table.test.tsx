import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { DataTable } from './data-table.tsx';
import type { DataTableColumn, DataTablePagination, DataTableProps } from './data-table.types.ts';

interface Sensor {
  id: string;
  name: string;
  battery: number;
}

const sensors: Sensor[] = [
  { id: 's1', name: 'Boiler room', battery: 3.6 },
  { id: 's2', name: 'Cold store', battery: 3.1 },
];

const columns: DataTableColumn<Sensor>[] = [
  { id: 'name', header: 'Name', cell: (s) => s.name, sortable: true },
  { id: 'battery', header: 'Battery', cell: (s) => `${s.battery} V`, sortable: true, sortDescFirst: true },
  { id: 'note', header: 'Note', cell: () => '—' },
];

function paging(overrides: Partial<DataTablePagination> = {}): DataTablePagination {
  return {
    pageSize: 50,
    onPageSizeChange: vi.fn(),
    hasPrev: false,
    hasNext: false,
    onPrev: vi.fn(),
    onNext: vi.fn(),
    ...overrides,
  };
}

/** The sensors table; `props` replace the defaults. */
function sensorTable(props: Partial<DataTableProps<Sensor>> = {}) {
  return (
    <DataTable<Sensor> label="Sensors" columns={columns} data={sensors} getRowId={(s) => s.id} {...props} />
  );
}

function renderTable(props: Partial<DataTableProps<Sensor>> = {}) {
  return renderWithUi(sensorTable(props));
}

const table = () => screen.getByRole('table', { name: 'Sensors' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

describe('DataTable', () => {
  it('renders a row per item with the column headers', () => {
    renderTable();
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Name', 'Battery', 'Note']);
    expect(bodyRows().map((r) => r.textContent)).toEqual(['Boiler room3.6 V—', 'Cold store3.1 V—']);
  });

  it('asks for ascending order on the first click of an unsorted column', () => {
    const onSortChange = vi.fn();
    renderTable({ sort: { id: 'battery', desc: true }, onSortChange });
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(onSortChange).toHaveBeenCalledWith({ id: 'name', desc: false });
  });

  it('asks for the other direction when the sorted column is clicked again', () => {
    const onSortChange = vi.fn();
    renderTable({ sort: { id: 'name', desc: false }, onSortChange });
    fireEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(onSortChange).toHaveBeenLastCalledWith({ id: 'name', desc: true });
  });

  it('starts descending on columns that sort newest or largest first', () => {
    const onSortChange = vi.fn();
    renderTable({ sort: { id: 'name', desc: false }, onSortChange });
    fireEvent.click(screen.getByRole('button', { name: 'Battery' }));
    expect(onSortChange).toHaveBeenCalledWith({ id: 'battery', desc: true });
  });

  it('marks the sorted column for assistive technology and never sorts rows itself', () => {
    renderTable({ sort: { id: 'name', desc: true }, onSortChange: vi.fn() });
    const [name, battery] = within(table()).getAllByRole('columnheader');
    expect(name?.getAttribute('aria-sort')).toBe('descending');
    expect(battery?.getAttribute('aria-sort')).toBeNull();
    // The server sorts: rows stay in the order they were given.
    expect(bodyRows()[0]?.textContent).toContain('Boiler room');
  });

  it('offers no sort button on columns that are not sortable', () => {
    renderTable({ onSortChange: vi.fn() });
    expect(screen.queryByRole('button', { name: 'Note' })).toBeNull();
  });

  it('disables both paging buttons on the only page', () => {
    renderTable({ pagination: paging() });
    expect(screen.getByRole('button', { name: 'Previous page' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Next page' }).hasAttribute('disabled')).toBe(true);
  });

  it('enables next on the first of several pages and calls back when clicked', () => {
    const pagination = paging({ hasNext: true });
    renderTable({ pagination });
    const next = screen.getByRole('button', { name: 'Next page' });
    expect(screen.getByRole('button', { name: 'Previous page' }).hasAttribute('disabled')).toBe(true);
    expect(next.hasAttribute('disabled')).toBe(false);
    fireEvent.click(next);
    expect(pagination.onNext).toHaveBeenCalledTimes(1);
  });

  it('enables previous on a later page and calls back when clicked', () => {
    const pagination = paging({ hasPrev: true });
    renderTable({ pagination });
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(pagination.onPrev).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Next page' }).hasAttribute('disabled')).toBe(true);
  });

  it('shows which rows of the total are on screen', () => {
    renderTable({ pagination: paging({ offset: 50, total: 312 }) });
    expect(screen.getByTestId('data-table-range').textContent).toBe('51–52 of 312');
  });

  it('reports a new page size from the select', () => {
    const pagination = paging();
    renderTable({ pagination });
    const select = screen.getByLabelText('Rows per page') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['10', '25', '50', '100', '500']);
    fireEvent.change(select, { target: { value: '100' } });
    expect(pagination.onPageSizeChange).toHaveBeenCalledWith(100);
  });

  it('shows the empty message and its action when there are no rows', () => {
    renderTable({
      data: [],
      empty: { message: 'No sensors yet', action: <button type="button">Add sensor</button> },
    });
    expect(screen.getByText('No sensors yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add sensor' })).toBeTruthy();
  });

  it('shows skeleton rows and a busy table while the first page loads', () => {
    renderTable({ data: undefined, loading: true, pagination: paging({ pageSize: 10 }) });
    expect(screen.getAllByTestId('data-table-skeleton-row').length).toBe(8);
    expect(table().getAttribute('aria-busy')).toBe('true');
    expect(screen.queryByText('Boiler room')).toBeNull();
    expect(screen.getByTestId('data-table-range').textContent).toBe('Loading…');
  });

  it('keeps the previous rows visible while a new page is fetched', () => {
    renderTable({ fetching: true });
    expect(screen.getByText('Boiler room')).toBeTruthy();
    expect(screen.queryAllByTestId('data-table-skeleton-row')).toHaveLength(0);
    expect(table().getAttribute('aria-busy')).toBe('true');
  });

  it('activates a row on click and on Enter', () => {
    const onRowActivate = vi.fn();
    renderTable({ onRowActivate, getRowLabel: (s) => `Open ${s.name}` });
    const row = screen.getByRole('row', { name: 'Open Cold store' });
    expect(row.getAttribute('tabindex')).toBe('0');
    fireEvent.click(row);
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onRowActivate).toHaveBeenCalledTimes(2);
    expect(onRowActivate).toHaveBeenCalledWith(sensors[1]);
  });

  it('leaves a click or Enter on a link in a cell to the link, so it can open in a new tab', () => {
    const onRowActivate = vi.fn();
    const linked: DataTableColumn<Sensor>[] = [
      { id: 'name', header: 'Name', cell: (s) => <a href={`/sensors/${s.id}`}>{s.name}</a> },
      { id: 'battery', header: 'Battery', cell: (s) => `${s.battery} V` },
    ];
    renderTable({ columns: linked, onRowActivate, getRowLabel: (s) => `Open ${s.name}` });
    const link = screen.getByRole('link', { name: 'Cold store' });
    expect(link.getAttribute('href')).toBe('/sensors/s2');
    fireEvent.click(link, { ctrlKey: true });
    fireEvent.click(link);
    fireEvent.keyDown(link, { key: 'Enter' });
    expect(onRowActivate).not.toHaveBeenCalled();
    // Anywhere else on the row still opens it.
    fireEvent.click(screen.getByText('3.1 V'));
    expect(onRowActivate).toHaveBeenCalledWith(sensors[1]);
  });

  it('keeps rows out of the tab order when they do nothing', () => {
    renderTable();
    expect(bodyRows()[0]?.getAttribute('tabindex')).toBeNull();
  });

  it('shows the chosen columns in the chosen order', () => {
    renderTable({ visibleColumns: ['battery', 'name', 'unknown'] });
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Battery', 'Name']);
    expect(bodyRows()[0]?.textContent).toBe('3.6 VBoiler room');
  });
});

describe('DataTable selection', () => {
  function renderSelectable(
    selected: string[],
    onChange = vi.fn(),
    extra: Partial<DataTableProps<Sensor>> = {},
  ) {
    renderTable({
      selection: { selected: new Set(selected), onChange, getRowName: (s) => s.name },
      ...extra,
    });
    return onChange;
  }

  it('adds a checkbox per row, named after the row', () => {
    renderSelectable([]);
    expect(screen.getByRole('checkbox', { name: 'Select Boiler room' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'Select Cold store' })).toBeTruthy();
  });

  it('selects and deselects one row', () => {
    const onChange = renderSelectable(['s1']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Cold store' }));
    expect(onChange).toHaveBeenLastCalledWith(new Set(['s1', 's2']));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Boiler room' }));
    expect(onChange).toHaveBeenLastCalledWith(new Set());
  });

  it('selects every row on the page, and clears them when all are selected', () => {
    const onChange = renderSelectable(['elsewhere']);
    const all = screen.getByRole('checkbox', { name: 'Select all on this page' }) as HTMLInputElement;
    expect(all.checked).toBe(false);
    fireEvent.click(all);
    expect(onChange).toHaveBeenLastCalledWith(new Set(['elsewhere', 's1', 's2']));
  });

  it('shows a page with every row selected as all selected, and unselects the page', () => {
    const onChange = renderSelectable(['s1', 's2']);
    const all = screen.getByRole('checkbox', { name: 'Select all on this page' }) as HTMLInputElement;
    expect(all.checked).toBe(true);
    fireEvent.click(all);
    expect(onChange).toHaveBeenLastCalledWith(new Set());
  });

  it('marks a partly selected page as mixed', () => {
    renderSelectable(['s2']);
    const all = screen.getByRole('checkbox', { name: 'Select all on this page' });
    expect((all as HTMLInputElement).indeterminate).toBe(true);
    expect(bodyRows()[1]?.hasAttribute('data-selected')).toBe(true);
    expect(bodyRows()[0]?.hasAttribute('data-selected')).toBe(false);
  });

  it('selects without opening the row', () => {
    const onRowActivate = vi.fn();
    const onChange = renderSelectable([], vi.fn(), { onRowActivate, getRowLabel: (s) => `Open ${s.name}` });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select Boiler room' }));
    expect(onChange).toHaveBeenCalledWith(new Set(['s1']));
    expect(onRowActivate).not.toHaveBeenCalled();
  });
});

/** Columns that note every row whose name cell is rendered, and a plain battery column. */
function countingColumns() {
  const renders: string[] = [];
  const counted: DataTableColumn<Sensor>[] = [
    {
      id: 'name',
      header: 'Name',
      cell: (s) => {
        renders.push(s.id);
        return s.name;
      },
    },
    { id: 'battery', header: 'Battery', cell: (s) => `${s.battery} V` },
  ];
  return { counted, renders };
}

describe('DataTable rendering', () => {
  it('does not render unchanged rows again while a newer page loads or another row is ticked', () => {
    const { counted, renders } = countingColumns();
    const selection = (ids: string[]) => ({
      selected: new Set(ids),
      onChange: vi.fn(),
      getRowName: (s: Sensor) => s.name,
    });
    const view = renderWithUi(
      sensorTable({ columns: counted, onRowActivate: () => {}, selection: selection([]) }),
    );
    expect(renders).toEqual(['s1', 's2']);
    // A newer page is on its way, with new callbacks from the caller: the rows stay as they are.
    view.rerender(
      sensorTable({ columns: counted, onRowActivate: () => {}, selection: selection([]), fetching: true }),
    );
    expect(renders).toEqual(['s1', 's2']);
    // Ticking Cold store renders that row only.
    view.rerender(sensorTable({ columns: counted, onRowActivate: () => {}, selection: selection(['s2']) }));
    expect(renders).toEqual(['s1', 's2', 's2']);
    // New data for a row renders it.
    view.rerender(
      sensorTable({
        columns: counted,
        onRowActivate: () => {},
        selection: selection(['s2']),
        data: [sensors[0]!, { ...sensors[1]!, name: 'Cold store B' }],
      }),
    );
    expect(renders).toEqual(['s1', 's2', 's2', 's2']);
    expect(screen.getByText('Cold store B')).toBeTruthy();
  });

  it('renders only the rows that are new or changed when the same rows arrive as new objects', () => {
    const { counted, renders } = countingColumns();
    const view = renderWithUi(sensorTable({ columns: counted }));
    expect(renders).toEqual(['s1', 's2']);
    // 100 rows instead of 50: the first rows again (new objects from a new request), one changed, one new.
    view.rerender(
      sensorTable({
        columns: counted,
        data: [
          { ...sensors[0]! },
          { ...sensors[1]!, battery: 2.9 },
          { id: 's3', name: 'Roof', battery: 3.3 },
        ],
      }),
    );
    expect(renders).toEqual(['s1', 's2', 's2', 's3']);
    expect(bodyRows().map((r) => r.textContent)).toEqual([
      'Boiler room3.6 V',
      'Cold store2.9 V',
      'Roof3.3 V',
    ]);
  });

  it('keeps its rows when the caller passes the same visible columns as a new array', () => {
    const { counted, renders } = countingColumns();
    const view = renderWithUi(sensorTable({ columns: counted, visibleColumns: ['name', 'battery'] }));
    expect(renders).toHaveLength(2);
    view.rerender(sensorTable({ columns: counted, visibleColumns: ['name', 'battery'] }));
    expect(renders).toHaveLength(2);
    view.rerender(sensorTable({ columns: counted, visibleColumns: ['battery', 'name'] }));
    expect(renders).toHaveLength(4);
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Battery', 'Name']);
  });

  it('opens a row with the callback of the latest render', () => {
    const first = vi.fn();
    const latest = vi.fn();
    const view = renderTable({ onRowActivate: first });
    view.rerender(sensorTable({ onRowActivate: latest }));
    fireEvent.click(bodyRows()[1]!);
    expect(first).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledWith(sensors[1]);
  });
});
