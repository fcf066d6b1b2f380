import { describe, expect, it } from 'vitest';
import {
  endOfDay,
  fromViewState,
  hasViewState,
  type ListUrlConfig,
  readListState,
  sameView,
  startOfDay,
  toViewState,
  writeListState,
} from './list-url.ts';

const config: ListUrlConfig = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'lastMessageAt'],
  filters: [
    { id: 'status', kind: 'list' },
    { id: 'lastMessage', kind: 'dateRange' },
  ],
  columns: { all: ['name', 'type', 'status', 'barcode'], default: ['name', 'type', 'status'] },
};
const read = (search: string) => readListState(new URLSearchParams(search), config);

describe('list state in the URL', () => {
  it('reads search, filters, columns and the view', () => {
    const state = read(
      'q=boiler&status=ACTIVE,INVENTORY&lastMessageFrom=2026-11-01&columns=status,name&view=v1&sort=-lastMessageAt',
    );
    expect(state.q).toBe('boiler');
    expect(state.filters).toEqual({ status: ['ACTIVE', 'INVENTORY'], lastMessage: { from: '2026-11-01' } });
    expect(state.columns).toEqual(['status', 'name']);
    expect(state.view).toBe('v1');
    expect(state.sort).toEqual({ id: 'lastMessageAt', desc: true });
  });

  it('ignores unknown columns and malformed days', () => {
    const state = read('columns=password,nope&lastMessageFrom=yesterday');
    expect(state.columns).toEqual(['name', 'type', 'status']);
    expect(state.filters).toEqual({});
  });

  it('writes what differs from the defaults and round-trips', () => {
    const search = 'q=boiler&status=ACTIVE&lastMessageTo=2026-11-27&columns=barcode,name';
    const params = writeListState(new URLSearchParams('other=1'), read(search), config);
    expect(params.get('other')).toBe('1');
    expect(params.get('columns')).toBe('barcode,name');
    expect(params.has('sort')).toBe(false);
    expect(readListState(params, config)).toEqual(read(search));
  });

  it('tells a URL with a view from a bare one', () => {
    expect(hasViewState(new URLSearchParams(''), config)).toBe(false);
    expect(hasViewState(new URLSearchParams('cursor=x'), config)).toBe(false);
    expect(hasViewState(new URLSearchParams('statusx=1&lastMessageTo=2026-01-01'), config)).toBe(true);
    expect(hasViewState(new URLSearchParams('view=main'), config)).toBe(true);
  });
});

describe('saved view state', () => {
  it('keeps filters, search, sort, columns and page size, not the page', () => {
    const state = read(
      'q=cold&status=ACTIVE&lastMessageFrom=2026-11-01&lastMessageTo=2026-11-27&columns=name,barcode&limit=25&cursor=abc&page=3',
    );
    const view = toViewState(state, config);
    expect(view).toEqual({
      filters: { status: ['ACTIVE'], lastMessageFrom: '2026-11-01', lastMessageTo: '2026-11-27' },
      q: 'cold',
      sort: 'name',
      columns: ['name', 'barcode'],
      pageSize: 25,
    });
    const back = fromViewState(view, config);
    expect(back.page).toBe(1);
    expect(back.cursor).toBeUndefined();
    expect(sameView(back, state, config)).toBe(true);
  });

  it('sees a changed filter as a different view', () => {
    expect(sameView(read('status=ACTIVE'), read('status=INVENTORY'), config)).toBe(false);
    expect(sameView(read('status=ACTIVE&page=2&cursor=x'), read('status=ACTIVE'), config)).toBe(true);
  });
});

describe('day boundaries', () => {
  it('takes whole days in the reader’s time zone', () => {
    expect(startOfDay('2026-11-01').getDate()).toBe(1);
    expect(startOfDay('2026-11-01').getHours()).toBe(0);
    expect(endOfDay('2026-11-30').getMonth()).toBe(11);
    expect(endOfDay('2026-11-30').getDate()).toBe(1);
  });
});
