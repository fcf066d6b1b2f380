import { describe, expect, it } from 'vitest';
import { readTableState, type TableUrlDefaults, writeTableState } from './table-url.ts';

const defaults: TableUrlDefaults = { sort: { id: 'name', desc: false }, sortable: ['name', 'createdAt'] };
const read = (search: string) => readTableState(new URLSearchParams(search), defaults);

describe('table state in the URL', () => {
  it('falls back to the defaults', () => {
    expect(read('')).toEqual({ sort: { id: 'name', desc: false }, limit: 50, cursor: undefined, page: 1 });
  });

  it('reads sort, page size, cursor and page', () => {
    expect(read('sort=-createdAt&limit=25&cursor=abc&page=3')).toEqual({
      sort: { id: 'createdAt', desc: true },
      limit: 25,
      cursor: 'abc',
      page: 3,
    });
  });

  it('ignores values the table does not offer', () => {
    expect(read('sort=-password&limit=7&page=4')).toEqual({
      sort: { id: 'name', desc: false },
      limit: 50,
      cursor: undefined,
      page: 1,
    });
  });

  it('writes only what differs from the defaults and keeps other parameters', () => {
    const state = { sort: { id: 'createdAt', desc: true }, limit: 50, cursor: 'abc', page: 2 };
    expect(writeTableState(new URLSearchParams('q=boiler'), state, defaults).toString()).toBe(
      'q=boiler&sort=-createdAt&cursor=abc&page=2',
    );
    const first = { sort: { id: 'name', desc: false }, limit: 100, cursor: undefined, page: 1 };
    expect(
      writeTableState(new URLSearchParams('sort=-name&cursor=x&page=2'), first, defaults).toString(),
    ).toBe('limit=100');
  });
});
