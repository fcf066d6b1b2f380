import { thingsMessageToken } from '@openthings/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aDevice } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/render.tsx';
import { DeviceSimulator } from './device-simulator.tsx';
import { loadSecret } from './secret-store.ts';

const SECRET = 'Xy7-kLm2.Qp9_Rs4~Tu6*Vw8+Za3=Bc5@';
const urn = 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:';
const ADAPTER = '2a7fa5e6-1c5a-4456-a157-6c643b4cd2d9';
const device = aDevice({ name: 'My phone', networkType: 'INTERNET', urn });

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

function stubIngest(answer: (url: string, init: RequestInit) => Answer) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const a = answer(String(input), init);
    return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
      status: a.status,
      headers: a.headers ?? { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderSimulator(canRegenerate = true) {
  return renderWithApp(
    <DeviceSimulator device={device} adapterId={ADAPTER} urn={urn} canRegenerate={canRegenerate} />,
  );
}

function enterSecret(secret: string) {
  fireEvent.change(screen.getByLabelText('Shared secret of My phone'), { target: { value: secret } });
  fireEvent.click(screen.getByRole('button', { name: 'Use this secret' }));
}

describe('DeviceSimulator', () => {
  it('asks for the shared secret first, and refuses what cannot be one', () => {
    const fetchMock = stubIngest(() => ({ status: 500 }));
    renderSimulator();
    enterSecret('too-short');
    expect(screen.getByText(/This is not a shared secret of the platform/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signs the pack with the secret and shows the uplink the platform accepted', async () => {
    const fetchMock = stubIngest(() => ({ status: 202, headers: { 'x-uplink-id': '01a21dc5-914b-7000' } }));
    renderSimulator();
    enterSecret(SECRET);
    expect(loadSecret(device.id)).toBe(SECRET);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));

    expect(
      await screen.findByText('Uplink 01a21dc5-914b-7000', {
        selector: '[data-testid="simulator-result"] *',
      }),
    ).toBeTruthy();
    expect(screen.getByText('Accepted (202)')).toBeTruthy();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/ingestion/ip/senml/v1');
    expect(init?.credentials).toBe('omit');
    const body = String(init?.body);
    const pack = JSON.parse(body);
    expect(pack).toEqual([{ bn: urn, bt: expect.any(Number), n: 'temperature', u: 'Cel', v: 21.5 }]);
    const headers = init?.headers as Record<string, string>;
    expect(headers['Things-Message-Token']).toBe(await thingsMessageToken(body, SECRET));
    expect(headers['Content-Type']).toBe('application/senml+json');
  });

  it('says when the secret is wrong and asks for it again', async () => {
    stubIngest(() => ({
      status: 401,
      headers: { 'content-type': 'application/problem+json' },
      body: {
        type: 'https://openthings.dev/problems/ingest.bad_token',
        title: 'The message token is wrong',
        status: 401,
        code: 'ingest.bad_token',
        detail: 'Things-Message-Token does not match the body and the shared secret',
      },
    }));
    renderSimulator();
    enterSecret(SECRET);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByText('Refused (401)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enter the secret again' }));
    expect(screen.getByLabelText('Shared secret of My phone')).toBeTruthy();
    expect(loadSecret(device.id)).toBeNull();
  });

  it('checks a custom measurement before sending it', () => {
    const fetchMock = stubIngest(() => ({ status: 202 }));
    renderSimulator();
    enterSecret(SECRET);
    fireEvent.click(screen.getByRole('switch', { name: 'Custom measurement' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'two words' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    expect(screen.getByText(/Use up to 64 letters/)).toBeTruthy();
    expect(screen.getByText('Enter a value')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('generates a new secret after a warning, and keeps it in this tab', async () => {
    const fetchMock = stubIngest((url) =>
      url.endsWith('/shared-secret') ? { status: 200, body: { sharedSecret: SECRET } } : { status: 500 },
    );
    renderSimulator();
    fireEvent.click(screen.getByRole('button', { name: 'Generate a new secret' }));
    expect(await screen.findByText(/stops working at once/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Generate new secret' }));
    expect(await screen.findByTestId('simulator-secret')).toHaveProperty('textContent', SECRET);
    expect(screen.getByRole('button', { name: 'Copy Shared secret' })).toBeTruthy();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(
      `/api/devices/${device.id}/network-adapters/${ADAPTER}/shared-secret`,
    );
    await waitFor(() => expect(loadSecret(device.id)).toBe(SECRET));
  });

  it('offers no new secret to those who may not change devices', () => {
    renderSimulator(false);
    expect(screen.queryByRole('button', { name: 'Generate a new secret' })).toBeNull();
  });
});
