import type { Action, SessionUser, Sim } from '@openthings/domain';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionProvider } from '../../features/auth/session-context.tsx';
import { aProject } from '../../testing/fixtures.ts';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { setProjectScope, useProjectScope } from '../project-scope.ts';
import { SimsPage } from './sims-page.tsx';

const customer = { id: '9d7c2f40-1e3b-4a5c-8d6e-7f8091a2b3c4', name: 'Demo Company', isReseller: false };
const user: SessionUser = {
  id: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
  email: 'ops@demo.local',
  name: 'Ops',
  roles: [],
  permissions: ['connectivity:read', 'projects:read'] satisfies Action[],
  customer,
  actingCustomer: customer,
};
const project = aProject({ name: 'Fleet demo' });
const sim: Sim = {
  id: '3c5e7a90-2b4d-4f6a-8c0e-1d3f5a7b9c2e',
  iccid: '8931087119000000002',
  status: 'ACTIVATED',
  communicationPlan: 'things-m2m',
  ratePlan: 'things-1mb',
  apn: 'things.m2m',
  imei: null,
  deviceId: null,
  projectId: null,
  lastMessageAt: null,
  usage: { bytes: 0, sms: 0 },
  lastSyncAt: null,
  createdAt: '2026-01-15T09:30:00.000Z',
  modifiedAt: '2026-01-15T09:30:00.000Z',
};

/** 100 SIMs in the account, none of them in the project. */
function fakeApi() {
  return stubFetch(({ url }) => {
    const query = new URL(url, 'http://x').searchParams;
    if (url.startsWith('/api/projects')) return { status: 200, body: { data: [project], links: {} } };
    if (url.startsWith('/api/views')) return { status: 200, body: { data: [] } };
    const narrowed = query.has('projectId');
    return {
      status: 200,
      body: {
        data: narrowed ? [] : [sim],
        links: { next: null, prev: null },
        meta: { total: narrowed ? 0 : 100 },
      },
    };
  });
}

function Scope() {
  return <output aria-label="Project picker">{useProjectScope() ?? 'all projects'}</output>;
}

afterEach(() => setProjectScope(null));

describe('SimsPage', () => {
  it('says the chosen project has no SIMs, not the account, and offers all projects on request', async () => {
    fakeApi();
    setProjectScope(project.id);
    renderWithApp(
      <SessionProvider user={user}>
        <SimsPage />
        <Scope />
      </SessionProvider>,
      { path: '/connectivity/sims' },
    );
    expect(await screen.findByText('No SIMs in Fleet demo')).toBeTruthy();
    expect(
      await screen.findByText('This account has 100 SIMs in other projects or in no project.'),
    ).toBeTruthy();
    expect(screen.queryByText(/No SIMs in this account/)).toBeNull();
    expect(screen.getByLabelText('Project picker').textContent).toBe(project.id);

    fireEvent.click(screen.getByRole('button', { name: 'Show SIMs of all projects' }));
    expect(await screen.findByRole('row', { name: `Open SIM ${sim.iccid}` })).toBeTruthy();
    expect(screen.getByLabelText('Project picker').textContent).toBe('all projects');
  });
});
