import { describe, expect, it } from 'vitest';
import { readListState } from '../../lib/list-url.ts';
import { DEVICE_LIST, deviceExportHref, deviceFilters, deviceListQuery } from './device-list.ts';

const state = (search: string) => readListState(new URLSearchParams(search), DEVICE_LIST);
const PROJECT = '3dda8bc9-6fc4-4f55-8fa2-4c4c51cd61f2';
const FLOW = '7d0f1c55-9c7e-4d36-a8f0-3f0b4ac2c111';

describe('the devices table query', () => {
  it('sends search, filters, sort and the page to the API', () => {
    const query = deviceListQuery(
      state(
        `q=tracker&type=elsys-ers,own-m2m&status=ACTIVE&network=LORA&project=${PROJECT}&flow=${FLOW}&sort=-lastMessageAt&limit=25&cursor=abc&page=2`,
      ),
      null,
    );
    expect(query).toMatchObject({
      q: 'tracker',
      deviceTypeId: 'elsys-ers,own-m2m',
      status: 'ACTIVE',
      networkType: 'LORA',
      projectId: PROJECT,
      flowId: FLOW,
      sort: '-lastMessageAt',
      limit: 25,
      cursor: 'abc',
      includeTotal: 'true',
    });
  });

  it('turns the last-message days into whole local days', () => {
    const query = deviceListQuery(state('lastMessageFrom=2026-11-01&lastMessageTo=2026-11-02'), null);
    expect(new Date(query.lastMessageSince as string)).toEqual(new Date(2026, 10, 1));
    expect(new Date(query.lastMessageBefore as string)).toEqual(new Date(2026, 10, 3));
  });

  it('lets the project picker win over the project filter', () => {
    const other = 'a2b6f3d4-1111-4c1d-9e8f-222222222222';
    expect(deviceListQuery(state(`project=${other}`), PROJECT).projectId).toBe(PROJECT);
  });
});

describe('the devices export link', () => {
  it('downloads the filtered rows in the visible columns, in their order', () => {
    const href = deviceExportHref(
      state('status=INVENTORY&columns=primaryIdentifier,name&sort=-name'),
      null,
      'csv',
    );
    const url = new URL(href, 'http://portal.test');
    expect(url.pathname).toBe('/api/devices/export');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.get('status')).toBe('INVENTORY');
    expect(url.searchParams.get('sort')).toBe('-name');
    expect(url.searchParams.get('columns')).toBe('primaryIdentifier,name');
    expect(url.searchParams.has('cursor')).toBe(false);
    expect(url.searchParams.has('limit')).toBe(false);
  });
});

describe('the devices filters', () => {
  it('drops the project filter while the project picker has a project', () => {
    const ids = (scope: string | null) =>
      deviceFilters({ types: [], projects: [], flows: [], scopeProjectId: scope }).map((f) => f.id);
    expect(ids(null)).toEqual(['type', 'status', 'project', 'flow', 'network', 'lastMessage']);
    expect(ids(PROJECT)).toEqual(['type', 'status', 'flow', 'network', 'lastMessage']);
  });

  it('offers the four processing statuses by their labels', () => {
    const status = deviceFilters({ types: [], projects: [], flows: [], scopeProjectId: null })[1];
    expect(status?.type === 'options' && status.options.map((o) => o.label)).toEqual([
      'Active',
      'Deactivated',
      'Not yet linked',
      'Inventory',
    ]);
  });
});
