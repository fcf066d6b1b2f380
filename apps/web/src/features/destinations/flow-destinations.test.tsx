import type { Destination } from '@openthings/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { DestinationConfiguration, DestinationProcessing } from './destination-overview.tsx';
import { FlowDestinations } from './flow-destinations.tsx';

const FLOW = { id: 'ad389586-1842-4d70-948d-8976f2eb3d34', name: 'My first flow' };
const ID = 'f97240fa-c020-4d48-83e7-4a335f8b05a2';

function aTestEndpoint(overrides: Partial<Destination> = {}): Destination {
  return {
    id: ID,
    kind: 'TEST',
    config: null,
    name: 'Test endpoint · My first flow',
    description: '',
    status: 'ACTIVE',
    inactiveReason: null,
    failingSince: null,
    flowCount: 0,
    signing: { plugUuid: ID, previousSecretUntil: null, whsecKey: null },
    createdAt: '2026-01-15T09:30:00.000Z',
    modifiedAt: '2026-01-15T09:30:00.000Z',
    ...overrides,
  } as Destination;
}

const page = (data: Destination[]) => ({ status: 200, body: { data, links: { next: null, prev: null } } });

describe('FlowDestinations', () => {
  it('creates a test endpoint and links it to the flow in one click', async () => {
    let linked = false;
    const fetchMock = stubFetch(({ url, init }) => {
      if (init.method === 'POST' && url === '/api/destinations')
        return { status: 201, body: { destination: aTestEndpoint(), secrets: {} } };
      if (init.method === 'POST' && url.endsWith(`/destinations/${ID}`)) {
        linked = true;
        return { status: 204 };
      }
      return page(linked && url.includes('flowId') ? [aTestEndpoint({ flowCount: 1 })] : []);
    });
    renderWithApp(<FlowDestinations flow={FLOW} canLink canCreate />);
    expect(await screen.findByText('No destinations')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Create test endpoint' }));
    expect(await screen.findByRole('link', { name: 'Test endpoint · My first flow' })).toBeTruthy();
    const create = fetchMock.mock.calls.find(
      ([url, init]) => url === '/api/destinations' && init?.method === 'POST',
    );
    expect(JSON.parse(String(create?.[1]?.body))).toEqual({
      kind: 'TEST',
      name: 'Test endpoint · My first flow',
      description: '',
    });
    expect(
      fetchMock.mock.calls.some(([url]) => url === `/api/device-groups/${FLOW.id}/destinations/${ID}`),
    ).toBe(true);
  });

  it('says so when the project has no destination links left', async () => {
    stubFetch(({ url, init }) =>
      init.method === 'POST' && url.includes('/device-groups/')
        ? problem(409, 'destinations.limit_reached', 'Limit reached')
        : url === '/api/destinations' && init.method === 'POST'
          ? { status: 201, body: { destination: aTestEndpoint(), secrets: {} } }
          : page([]),
    );
    renderWithApp(<FlowDestinations flow={FLOW} canLink canCreate />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create test endpoint' }));
    expect(
      await screen.findByText(/The maximum amount of destinations for this product has been reached/),
    ).toBeTruthy();
  });

  it('unlinks a destination after asking, and says why when it could not', async () => {
    let refused = true;
    let linked = true;
    stubFetch(({ url, init }) => {
      if (init.method === 'DELETE' && url === `/api/device-groups/${FLOW.id}/destinations/${ID}`) {
        if (refused) return problem(500, 'internal', 'Boom');
        linked = false;
        return { status: 204 };
      }
      return page(linked ? [aTestEndpoint({ flowCount: 1 })] : []);
    });
    renderWithApp(<FlowDestinations flow={FLOW} canLink canCreate={false} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Unlink Test endpoint · My first flow' }));
    const dialog = await screen.findByRole('dialog', { name: 'Unlink destination' });
    expect(dialog.textContent).toContain('New data of My first flow no longer goes to Test endpoint');
    fireEvent.click(screen.getByRole('button', { name: 'Unlink' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Something went wrong/);
    refused = false;
    fireEvent.click(screen.getByRole('button', { name: 'Unlink' }));
    expect(await screen.findByText('No destinations')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});

describe('DestinationProcessing', () => {
  it('shows why a destination is Inactive and activates it', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: aTestEndpoint() }));
    renderWithApp(
      <DestinationProcessing
        destination={aTestEndpoint({ status: 'INACTIVE', inactiveReason: 'The endpoint answered 410 Gone' })}
        canWrite
      />,
    );
    expect(screen.getByText(/The endpoint answered 410 Gone\. Messages wait/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Activate' }));
    await waitFor(() =>
      expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`/api/destinations/${ID}/activate`),
    );
  });

  it('offers no Activate button while Active', () => {
    renderWithApp(<DestinationProcessing destination={aTestEndpoint()} canWrite />);
    expect(screen.queryByRole('button', { name: 'Activate' })).toBeNull();
  });
});

describe('DestinationConfiguration', () => {
  const endpoint = () =>
    aTestEndpoint({
      kind: 'HTTPS',
      config: {
        url: 'https://receiver.example/hook',
        method: 'POST',
        headers: {},
        auth: { type: 'none' },
      },
    } as Partial<Destination>);

  it('tests the connection and says what the endpoint answered', async () => {
    const fetchMock = stubFetch(() => ({
      status: 200,
      body: {
        ok: false,
        status: 401,
        latencyMs: 12,
        message: 'The endpoint answered HTTP 401: deliveries would go to the dead letters.',
      },
    }));
    renderWithApp(<DestinationConfiguration destination={endpoint()} canWrite />);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('Connection failed')).toBeTruthy();
    expect(screen.getByText(/answered HTTP 401: deliveries would go to the dead letters\./)).toBeTruthy();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`/api/destinations/${ID}/test-connection`);
    expect(fetchMock.mock.calls[0]?.[1]?.method).toBe('POST');
  });

  it('offers no test to Read Only users, nor for the built-in inbox', () => {
    renderWithApp(<DestinationConfiguration destination={endpoint()} canWrite={false} />);
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
    renderWithApp(<DestinationConfiguration destination={aTestEndpoint()} canWrite />);
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
  });
});
