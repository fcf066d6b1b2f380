import type { Destination } from '@openthings/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { DestinationEditor } from './destination-editor.tsx';
import { DestinationForm } from './destination-form.tsx';
import { createBody, headerRowErrors, initialState, updateBody } from './destination-form-state.ts';

const ID = '7b0e6a55-0c4c-4b7e-9d55-2f1f8a3c9e01';
const SECRET = 'Xy7-kLm2.Qp9_Rs4~Tu6*Vw8+Za3=Bc5@';

function anHttpsDestination(overrides: Partial<Extract<Destination, { kind: 'HTTPS' }>> = {}): Destination {
  return {
    id: ID,
    kind: 'HTTPS',
    name: 'Warehouse API',
    description: '',
    status: 'ACTIVE',
    inactiveReason: null,
    failingSince: null,
    flowCount: 0,
    signing: { plugUuid: ID, previousSecretUntil: null, whsecKey: null },
    config: {
      url: 'https://example.com/things',
      method: 'POST',
      headers: { 'X-Tenant': 'north' },
      auth: { type: 'basic', username: 'things' },
    },
    createdAt: '2026-01-15T09:30:00.000Z',
    modifiedAt: '2026-01-15T09:30:00.000Z',
    ...overrides,
  };
}

const field = (name: RegExp | string) => screen.getByRole('textbox', { name });

describe('DestinationForm', () => {
  it('checks the fields with the domain rules before sending', async () => {
    const fetchMock = stubFetch(() => ({ status: 500 }));
    renderWithApp(<DestinationForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.change(field(/^URL/), { target: { value: 'ftp://example.com' } });
    fireEvent.change(field(/^Shared secret/), { target: { value: 'short' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));
    expect(await screen.findByText('Enter a name')).toBeTruthy();
    expect(screen.getByText('Enter an http:// or https:// URL')).toBeTruthy();
    expect(screen.getByText('The shared secret must be at least 32 characters')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('flags a header the platform sets itself on its own row', async () => {
    stubFetch(() => ({ status: 500 }));
    renderWithApp(<DestinationForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add header' }));
    fireEvent.change(field('Header 1 name'), { target: { value: 'Things-Message-Token' } });
    fireEvent.change(field('Header 1 value'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));
    const row = field('Header 1 name');
    await waitFor(() => expect(row.getAttribute('aria-invalid')).toBe('true'));
  });

  it('generates a shared secret that the domain accepts', () => {
    renderWithApp(<DestinationForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect((field(/^Shared secret/) as HTMLInputElement).value.length).toBeGreaterThanOrEqual(32);
  });

  it('puts the server’s field errors on their fields', async () => {
    stubFetch(() =>
      problem(400, 'destinations.target_not_allowed', 'Deliveries may not go to this address', {
        errors: { 'body.config.url': ['Deliveries may not go to private addresses'] },
      }),
    );
    renderWithApp(<DestinationForm onSaved={vi.fn()} onCancel={vi.fn()} />);
    fireEvent.change(field(/^Name/), { target: { value: 'Local' } });
    fireEvent.change(field(/^URL/), { target: { value: 'https://10.0.0.5/hook' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));
    expect(await screen.findByText('Deliveries may not go to private addresses')).toBeTruthy();
  });

  it('creates a test endpoint with its name only', async () => {
    const fetchMock = stubFetch(({ init }) => ({
      status: 201,
      body: {
        destination: {
          ...anHttpsDestination(),
          kind: 'TEST',
          config: null,
          ...JSON.parse(String(init.body)),
        },
        secrets: { sharedSecret: SECRET },
      },
    }));
    const onSaved = vi.fn();
    renderWithApp(<DestinationForm onSaved={onSaved} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Test endpoint' }));
    expect(screen.queryByRole('textbox', { name: /^URL/ })).toBeNull();
    expect(screen.queryByRole('textbox', { name: /^Shared secret/ })).toBeNull();
    fireEvent.change(field(/^Name/), { target: { value: 'Inbox' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      kind: 'TEST',
      name: 'Inbox',
      description: '',
    });
    // A test endpoint's secret signs nothing anyone checks: nothing to reveal.
    expect(onSaved.mock.calls[0]?.[0].secrets).toEqual([]);
  });
});

describe('DestinationEditor', () => {
  it('shows a generated secret and its whsec_ key once after creating', async () => {
    const fetchMock = stubFetch(() => ({
      status: 201,
      body: {
        destination: anHttpsDestination({
          signing: { plugUuid: ID, previousSecretUntil: null, whsecKey: 'whsec_c2VjcmV0' },
        }),
        secrets: { sharedSecret: SECRET },
      },
    }));
    const onDone = vi.fn();
    renderWithApp(<DestinationEditor onDone={onDone} onCancel={vi.fn()} />);
    fireEvent.change(field(/^Name/), { target: { value: 'Warehouse API' } });
    fireEvent.change(field(/^URL/), { target: { value: 'https://example.com/things' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create destination' }));

    expect(await screen.findByTestId('revealed-Shared secret')).toHaveProperty('textContent', SECRET);
    expect(screen.getByTestId('revealed-Standard Webhooks key').textContent).toBe('whsec_c2VjcmV0');
    expect(screen.getByRole('button', { name: 'Copy Shared secret' })).toBeTruthy();
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      kind: 'HTTPS',
      name: 'Warehouse API',
      description: '',
      config: { url: 'https://example.com/things', method: 'POST', headers: {}, auth: { type: 'none' } },
    });
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it, continue' }));
    expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ id: ID }));
  });

  it('goes straight on when an edit sets no secret', async () => {
    stubFetch(({ init }) => ({
      status: 200,
      body: { ...anHttpsDestination(), ...JSON.parse(String(init.body)) },
    }));
    const onDone = vi.fn();
    renderWithApp(
      <DestinationEditor destination={anHttpsDestination()} onDone={onDone} onCancel={vi.fn()} />,
    );
    const form = screen.getByRole('form', { name: 'Edit destination' });
    fireEvent.change(within(form).getByRole('textbox', { name: /^Name/ }), { target: { value: 'Renamed' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });
});

describe('createBody and updateBody', () => {
  it('builds an MQTT destination without empty credentials', () => {
    const state = {
      ...initialState(),
      kind: 'MQTT' as const,
      name: 'Broker',
      mqttUrl: 'mqtts://b.example:8883',
    };
    expect(createBody(state)).toEqual({
      kind: 'MQTT',
      name: 'Broker',
      description: '',
      config: { url: 'mqtts://b.example:8883', topic: 'devices/{urn}/up', qos: 1 },
    });
  });

  it('sends only what changed, and keeps credentials unless they are entered again', () => {
    const saved = anHttpsDestination();
    const state = initialState(saved);
    expect(updateBody(saved, state)).toBeNull();
    expect(updateBody(saved, { ...state, httpUrl: 'https://example.com/v2' })).toEqual({
      kind: 'HTTPS',
      config: { url: 'https://example.com/v2' },
    });
    expect(updateBody(saved, { ...state, password: 'new-pass' })).toEqual({
      kind: 'HTTPS',
      config: { auth: { type: 'basic', username: 'things', password: 'new-pass' } },
    });
    expect(updateBody(saved, { ...state, authType: 'none' })).toEqual({
      kind: 'HTTPS',
      config: { auth: { type: 'none' } },
    });
    expect(updateBody(saved, { ...state, headers: [] })).toEqual({ kind: 'HTTPS', config: { headers: {} } });
    expect(updateBody(saved, { ...state, sharedSecret: SECRET })).toEqual({
      kind: 'HTTPS',
      sharedSecret: SECRET,
    });
  });

  it('removes saved MQTT credentials with nulls', () => {
    const saved: Destination = {
      ...anHttpsDestination(),
      kind: 'MQTT',
      config: { url: 'mqtt://b.example', topic: 't/{deviceId}', qos: 0, hasCredentials: true },
    };
    expect(updateBody(saved, { ...initialState(saved), removeMqttCredentials: true })).toEqual({
      kind: 'MQTT',
      config: { username: null, password: null },
    });
  });

  it('checks header rows with the domain rules', () => {
    const errors = headerRowErrors([
      { key: 'a', name: 'X-Ok', value: 'fine' },
      { key: 'b', name: 'x-ok', value: 'twice' },
      { key: 'c', name: 'Bad Name', value: 'v' },
      { key: 'd', name: '', value: '' },
    ]);
    expect(Object.keys(errors).sort()).toEqual(['b.name', 'c.name']);
    expect(errors['b.name']).toBe('The header x-ok is given twice');
  });
});
