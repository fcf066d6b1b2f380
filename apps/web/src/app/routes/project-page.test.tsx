import type { Action, SessionUser } from '@openthings/domain';
import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionProvider } from '../../features/auth/session-context.tsx';
import { aProject } from '../../testing/fixtures.ts';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { setProjectScope, useProjectScope } from '../project-scope.ts';
import { ProjectPage } from './project-page.tsx';

const customer = { id: '9d7c2f40-1e3b-4a5c-8d6e-7f8091a2b3c4', name: 'Demo Company', isReseller: false };
const user: SessionUser = {
  id: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
  email: 'ops@demo.local',
  name: 'Ops',
  roles: [],
  permissions: ['projects:read'] satisfies Action[],
  customer,
  actingCustomer: customer,
};
const project = aProject({ name: 'Fleet demo' });

function Scope() {
  return <output aria-label="Project picker">{useProjectScope() ?? 'all projects'}</output>;
}

function renderProject() {
  stubFetch(() => ({ status: 200, body: project }));
  return renderWithApp(
    <SessionProvider user={user}>
      <Routes>
        <Route path="/projects/:projectId" element={<ProjectPage />} />
      </Routes>
      <Scope />
    </SessionProvider>,
    { path: `/projects/${project.id}` },
  );
}

afterEach(() => setProjectScope(null));

describe('ProjectPage', () => {
  it('opens a project without changing the project picker', async () => {
    renderProject();
    expect(await screen.findByRole('heading', { name: 'Fleet demo', level: 1 })).toBeTruthy();
    expect(screen.getByLabelText('Project picker').textContent).toBe('all projects');
  });

  it('chooses the project in the picker when the user asks', async () => {
    renderProject();
    fireEvent.click(await screen.findByRole('button', { name: 'Work in this project' }));
    expect(screen.getByLabelText('Project picker').textContent).toBe(project.id);
    expect(screen.queryByRole('button', { name: 'Work in this project' })).toBeNull();
  });
});
