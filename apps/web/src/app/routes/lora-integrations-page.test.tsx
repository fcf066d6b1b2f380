import type { Action, LoraIntegration, SessionUser } from '@openthings/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { SessionProvider } from '../../features/auth/session-context.tsx';
import { type FakeResponse, problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { LoraIntegrationPage } from './lora-integration-page.tsx';
import { LoraIntegrationsPage } from './lora-integrations-page.tsx';

const ID = '6f1c3a2e-8d4b-4c1e-9f00-0a1b2c3d4e5f';
const SECRET = 'Zk3c0wq6m1o3Qe9yW8x7V6u5T4s3R2q1P0o9N8m7L6k';
const integration: LoraIntegration = {
  id: ID,
  kind: 'chirpstack',
  name: 'Building sensors',
  webhookPath: `/ingestion/lora/chirpstack/v1/${ID}`,
  webhookUrl: null,
  createdAt: '2026-03-02T10:15:00.000Z',
  modifiedAt: '2026-03-02T10:15:00.000Z',
};

function aUser(permissions: Action[]): SessionUser {
  const customer = { id: '9d7c2f40-1e3b-4a5c-8d6e-7f8091a2b3c4', name: 'Demo Company', isReseller: false };
  return {
    id: '2b4d6f80-1a3c-4e5f-8a9b-0c1d2e3f4a5b',
    email: 'admin@demo.local',
    name: 'Demo Admin',
    roles: [],
    permissions,
    customer,
    actingCustomer: customer,
  };
}

const WRITER: Action[] = ['devices:read', 'devices:write'];
/** Deleting an integration takes devices:delete, as the API asks. */
const DELETER: Action[] = [...WRITER, 'devices:delete'];

function renderPages(path: string, permissions: Action[] = WRITER) {
  return renderWithApp(
    <SessionProvider user={aUser(permissions)}>
      <Routes>
        <Route path="/lora/integrations" element={<LoraIntegrationsPage />} />
        <Route path="/lora/integrations/:integrationId" element={<LoraIntegrationPage />} />
      </Routes>
    </SessionProvider>,
    { path },
  );
}

/** A fake API holding the customer's integrations, changed by create and delete as the server does. */
function fakeApi(initial: LoraIntegration[]) {
  let stored = [...initial];
  const fetchMock = stubFetch(({ url, init }): FakeResponse => {
    const method = init.method ?? 'GET';
    if (url === '/api/lora/integrations' && method === 'GET') return { status: 200, body: { data: stored } };
    if (url === '/api/lora/integrations' && method === 'POST') {
      stored = [...stored, integration];
      return { status: 201, body: { ...integration, secret: SECRET } };
    }
    const one = stored.find((i) => url === `/api/lora/integrations/${i.id}`);
    if (!one) return problem(404, 'resource.not_found', 'Not found');
    if (method === 'DELETE') {
      stored = stored.filter((i) => i !== one);
      return { status: 204 };
    }
    return { status: 200, body: one };
  });
  return fetchMock;
}

describe('LoraIntegrationsPage', () => {
  it('lists the integrations with their full webhook URL and opens one to its setup', async () => {
    fakeApi([integration]);
    renderPages('/lora/integrations');
    const row = await screen.findByRole('row', { name: 'Open LoRa integration Building sensors' });
    expect(row.textContent).toContain(`${window.location.origin}/ingestion/lora/chirpstack/v1/${ID}`);
    expect(row.textContent).toContain('ChirpStack v4');
    fireEvent.click(row);
    expect(await screen.findByRole('heading', { name: 'Building sensors', level: 1 })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Set up ChirpStack v4' })).toBeTruthy();
    expect(screen.getByTestId('webhook-url').textContent).toBe(
      `${window.location.origin}/ingestion/lora/chirpstack/v1/${ID}`,
    );
  });

  it('explains an empty list and offers to add one to those who may', async () => {
    fakeApi([]);
    renderPages('/lora/integrations');
    expect(await screen.findByText(/^No LoRa integrations yet\. Add one per network server/)).toBeTruthy();
    // One in the header, one in the empty state.
    expect(screen.getAllByRole('button', { name: 'Add integration' })).toHaveLength(2);
  });

  it('offers no way to add or delete to read-only users', async () => {
    fakeApi([integration]);
    renderPages('/lora/integrations', ['devices:read']);
    const row = await screen.findByRole('row', { name: 'Open LoRa integration Building sensors' });
    expect(screen.queryByRole('button', { name: 'Add integration' })).toBeNull();
    fireEvent.click(row);
    await screen.findByRole('heading', { name: 'Building sensors', level: 1 });
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('says so when the user may not see devices, without asking the API', async () => {
    const fetchMock = fakeApi([integration]);
    renderPages('/lora/integrations', ['projects:read']);
    expect(screen.getByText('No access')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows a failed load with a way to try again', async () => {
    stubFetch(() => problem(500, 'internal', 'Internal error'));
    renderPages('/lora/integrations');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The LoRa integrations could not be loaded');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('adds an integration, shows its secret once and lists it afterwards', async () => {
    fakeApi([]);
    renderPages('/lora/integrations');
    fireEvent.click((await screen.findAllByRole('button', { name: 'Add integration' }))[0]!);
    const form = await screen.findByRole('dialog', { name: 'Add LoRa integration' });
    fireEvent.click(within(form).getByRole('radio', { name: /ChirpStack v4/ }));
    fireEvent.change(within(form).getByRole('textbox', { name: /^Name/ }), {
      target: { value: 'Building sensors' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add integration' }));
    const dialog = await screen.findByRole('dialog', { name: 'Integration "Building sensors" added' });
    expect(within(dialog).getByTestId('value-Secret').textContent).toBe(SECRET);

    fireEvent.click(within(dialog).getByRole('button', { name: 'I have copied the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('row', { name: 'Open LoRa integration Building sensors' })).toBeTruthy();
    expect(document.body.textContent).not.toContain(SECRET);
  });
});

describe('LoraIntegrationPage', () => {
  it('deletes after a confirmation that the webhook refuses uplinks, then returns to the list', async () => {
    const fetchMock = fakeApi([integration]);
    renderPages(`/lora/integrations/${ID}`, DELETER);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete LoRa integration' });
    expect(dialog.textContent).toContain('refuses uplinks from then on');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete integration' }));
    expect(await screen.findByText(/^No LoRa integrations yet/)).toBeTruthy();
    const deleted = fetchMock.mock.calls.find(([, init]) => init?.method === 'DELETE');
    expect(String(deleted?.[0])).toBe(`/api/lora/integrations/${ID}`);
  });

  it('offers no Delete to a user who may add integrations (devices:write) but not delete them', async () => {
    fakeApi([integration]);
    renderPages(`/lora/integrations/${ID}`, WRITER);
    expect(await screen.findByRole('heading', { name: 'Building sensors', level: 1 })).toBeTruthy();
    expect(screen.getByTestId('webhook-url')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('says when the integration does not exist', async () => {
    fakeApi([]);
    renderPages(`/lora/integrations/${ID}`);
    expect(await screen.findByText('LoRa integration not found')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All LoRa integrations' }).getAttribute('href')).toBe(
      '/lora/integrations',
    );
  });
});
