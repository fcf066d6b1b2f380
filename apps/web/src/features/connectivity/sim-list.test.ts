import { describe, expect, it } from 'vitest';
import { readListState } from '../../lib/list-url.ts';
import { SIM_LIST, simExportHref, simFilters, simListQuery } from './sim-list.ts';

const state = (search: string) => readListState(new URLSearchParams(search), SIM_LIST);
const PROJECT = '3dda8bc9-6fc4-4f55-8fa2-4c4c51cd61f2';

describe('the SIM table query', () => {
  it('searches digits and sends the filters the API knows', () => {
    expect(
      simListQuery(
        state(
          `q=0000077&status=ACTIVATED,DEACTIVATED&communicationPlan=things-m2m&linked=false&project=${PROJECT}&sort=-usage`,
        ),
        null,
      ),
    ).toMatchObject({
      q: '0000077',
      status: 'ACTIVATED,DEACTIVATED',
      communicationPlan: 'things-m2m',
      linked: 'false',
      projectId: PROJECT,
      sort: '-usage',
      includeTotal: 'true',
    });
  });

  it('leaves out what is not chosen', () => {
    const query = simListQuery(state(''), null);
    expect(query.status).toBeUndefined();
    expect(query.linked).toBeUndefined();
    expect(query.projectId).toBeUndefined();
  });

  it('follows the project picker and then offers no project filter', () => {
    expect(simListQuery(state(''), PROJECT).projectId).toBe(PROJECT);
    expect(simFilters([], true).map((f) => f.id)).toEqual([
      'status',
      'communicationPlan',
      'ratePlan',
      'linked',
    ]);
  });

  it('downloads the current view: its filters, sort and visible columns, not its page', () => {
    const href = simExportHref(
      state('status=ACTIVATED&sort=-usage&columns=iccid,usage&limit=25&cursor=abc'),
      PROJECT,
      'xlsx',
    );
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/api/sims/export');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      format: 'xlsx',
      status: 'ACTIVATED',
      projectId: PROJECT,
      sort: '-usage',
      columns: 'iccid,usage',
    });
  });
});
