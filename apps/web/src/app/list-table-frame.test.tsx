import { fireEvent, screen, waitFor } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { DEVICE_LIST } from '../features/devices/device-list.ts';
import { useListUrlState } from '../lib/list-url.ts';
import { renderWithApp, stubFetch } from '../testing/render.tsx';
import { ListTableFrame, useListSearch } from './list-table-frame.tsx';

let pageRenders = 0;

/** A list page as the devices page is built: the list's URL state, its search, the frame. */
function ListPage() {
  pageRenders++;
  const list = useListUrlState(DEVICE_LIST);
  const search = useListSearch(list);
  const location = useLocation();
  return (
    <ListTableFrame
      label="Devices"
      table="devices"
      config={DEVICE_LIST}
      list={list}
      search={search}
      searchInput={{ 'aria-label': 'Search devices', placeholder: 'Search' }}
      filters={[]}
      columns={[]}
      exportHref={() => '#'}
    >
      <output data-testid="query">{new URLSearchParams(location.search).get('q') ?? ''}</output>
      <button type="button" onClick={search.clear}>
        Clear search and filters
      </button>
    </ListTableFrame>
  );
}

const box = () => screen.getByRole('textbox', { name: 'Search devices' }) as HTMLInputElement;
const query = () => screen.getByTestId('query').textContent;

describe('the search box of a list', () => {
  it('renders only itself while the user types, and the page once the search reaches the URL', async () => {
    stubFetch(() => ({ status: 200, body: { data: [], links: { next: null, prev: null } } }));
    renderWithApp(<ListPage />);
    const before = pageRenders;
    for (const text of ['T', 'Tr', 'Tru', 'Truc', 'Truck'])
      fireEvent.change(box(), { target: { value: text } });
    expect(box().value).toBe('Truck');
    expect(pageRenders).toBe(before);
    await waitFor(() => expect(query()).toBe('Truck'));
    expect(pageRenders).toBeGreaterThan(before);
  });

  it('keeps the space typed between two words when the first word reaches the URL', async () => {
    stubFetch(() => ({ status: 200, body: { data: [], links: { next: null, prev: null } } }));
    renderWithApp(<ListPage />);
    fireEvent.change(box(), { target: { value: 'Truck ' } });
    await waitFor(() => expect(query()).toBe('Truck'));
    expect(box().value).toBe('Truck ');
    fireEvent.change(box(), { target: { value: 'Truck 0' } });
    await waitFor(() => expect(query()).toBe('Truck 0'));
  });

  it('is emptied by "Clear search and filters", even of text not yet searched for', async () => {
    stubFetch(() => ({ status: 200, body: { data: [], links: { next: null, prev: null } } }));
    renderWithApp(<ListPage />, { path: '/?q=Truck' });
    expect(box().value).toBe('Truck');
    fireEvent.change(box(), { target: { value: 'Truck 00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    await waitFor(() => expect(box().value).toBe(''));
    expect(query()).toBe('');
    // The text typed before clearing never reaches the URL.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(query()).toBe('');
  });
});
