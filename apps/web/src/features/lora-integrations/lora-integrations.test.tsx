import { LORA_BODY_LIMIT, type LoraIntegration, type LoraIntegrationCreated } from '@openthings/domain';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { LoraIntegrationCreateDialog } from './lora-integration-create.tsx';
import { DeleteLoraIntegrationDialog, LoraIntegrationOverview } from './lora-integration-detail.tsx';
import { LoraIntegrationSetup } from './lora-integration-setup.tsx';
import { LoraIntegrationTable } from './lora-integration-table.tsx';
import { loraIntegrationsKeys } from './lora-integrations.api.ts';

const ORIGIN = 'https://things.example.com';
const CHIRP_ID = '6f1c3a2e-8d4b-4c1e-9f00-0a1b2c3d4e5f';
const TP_ID = '0b7e5d10-2c3f-4a8e-8b1d-5e6f7a8b9c0d';
const CHIRP_SECRET = 'Zk3c0wq6m1o3Qe9yW8x7V6u5T4s3R2q1P0o9N8m7L6k';
const TP_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

function anIntegration(overrides: Partial<LoraIntegration> = {}): LoraIntegration {
  return {
    id: CHIRP_ID,
    kind: 'chirpstack',
    name: 'Building sensors',
    webhookPath: `/ingestion/lora/chirpstack/v1/${CHIRP_ID}`,
    webhookUrl: null,
    createdAt: '2026-03-02T10:15:00.000Z',
    modifiedAt: '2026-03-02T10:15:00.000Z',
    ...overrides,
  };
}

const thingPark = anIntegration({
  id: TP_ID,
  kind: 'thingpark',
  name: 'KPN ThingPark',
  webhookPath: `/ingestion/lora/thingpark/v1/${TP_ID}`,
  webhookUrl: null,
});

const created: LoraIntegrationCreated = { ...anIntegration(), secret: CHIRP_SECRET };

describe('LoraIntegrationTable', () => {
  it('lists each integration with its network server and full webhook URL', () => {
    renderWithApp(
      <LoraIntegrationTable
        integrations={[anIntegration(), thingPark]}
        fetching={false}
        onOpen={vi.fn()}
        empty={{ message: 'None' }}
        origin={ORIGIN}
      />,
    );
    const table = screen.getByRole('table', { name: 'LoRa integrations' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Network server', 'Webhook URL', 'Created']);
    const chirp = screen.getByRole('row', { name: 'Open LoRa integration Building sensors' });
    expect(chirp.textContent).toContain('ChirpStack v4');
    expect(chirp.textContent).toContain(`${ORIGIN}/ingestion/lora/chirpstack/v1/${CHIRP_ID}`);
    const tp = screen.getByRole('row', { name: 'Open LoRa integration KPN ThingPark' });
    expect(tp.textContent).toContain('Actility ThingPark');
    expect(tp.textContent).toContain(`${ORIGIN}/ingestion/lora/thingpark/v1/${TP_ID}`);
    expect(within(tp).getByRole('button', { name: 'Copy webhook URL of KPN ThingPark' })).toBeTruthy();
  });

  it('shows the URL the server gives when it knows its public address', () => {
    const url = `https://lns-hooks.example.net/ingestion/lora/chirpstack/v1/${CHIRP_ID}`;
    renderWithApp(
      <LoraIntegrationTable
        integrations={[anIntegration({ webhookUrl: url })]}
        fetching={false}
        onOpen={vi.fn()}
        empty={{ message: 'None' }}
        origin={ORIGIN}
      />,
    );
    const row = screen.getByRole('row', { name: 'Open LoRa integration Building sensors' });
    expect(row.textContent).toContain(url);
    expect(row.textContent).not.toContain(ORIGIN);
  });

  it('opens a row on click and Enter, but copying its URL does not open it', () => {
    const onOpen = vi.fn();
    renderWithApp(
      <LoraIntegrationTable
        integrations={[anIntegration()]}
        fetching={false}
        onOpen={onOpen}
        empty={{ message: 'None' }}
        origin={ORIGIN}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy webhook URL of Building sensors' }));
    expect(onOpen).not.toHaveBeenCalled();
    const row = screen.getByRole('row', { name: 'Open LoRa integration Building sensors' });
    fireEvent.keyDown(row, { key: 'Enter' });
    fireEvent.click(row);
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(onOpen).toHaveBeenCalledWith(anIntegration());
  });

  it('shows the empty state with its action when there is no integration', () => {
    renderWithApp(
      <LoraIntegrationTable
        integrations={[]}
        fetching={false}
        onOpen={vi.fn()}
        empty={{
          message: 'No LoRa integrations yet',
          action: <button type="button">Add integration</button>,
        }}
      />,
    );
    expect(screen.getByText('No LoRa integrations yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add integration' })).toBeTruthy();
  });
});

describe('LoraIntegrationSetup', () => {
  const value = (label: string) => screen.getByTestId(`value-${label}`).textContent;

  it('tells ChirpStack the event endpoint as it is, JSON encoding and the bearer header', () => {
    renderWithApp(<LoraIntegrationSetup integration={created} secret={CHIRP_SECRET} origin={ORIGIN} />);
    // ChirpStack appends ?event=up itself: the URL to paste has no query.
    expect(value('Event endpoint URL')).toBe(`${ORIGIN}/ingestion/lora/chirpstack/v1/${CHIRP_ID}`);
    expect(value('Payload encoding')).toBe('JSON');
    expect(screen.getByText(/Not Protobuf/)).toBeTruthy();
    expect(value('Header key')).toBe('Authorization');
    expect(value('Header value')).toBe(`Bearer ${CHIRP_SECRET}`);
    expect(screen.getByRole('button', { name: 'Copy Header value' })).toBeTruthy();
    expect(screen.getByText(/\?event=up' \\/).textContent).toContain(`Authorization: Bearer ${CHIRP_SECRET}`);
  });

  it('tells ThingPark the destination, the AS key of the tunnel token and the bearer alternative', () => {
    renderWithApp(<LoraIntegrationSetup integration={{ ...thingPark }} secret={TP_SECRET} origin={ORIGIN} />);
    expect(value('Destination URL')).toBe(`${ORIGIN}/ingestion/lora/thingpark/v1/${TP_ID}`);
    expect(value('AS key')).toBe(TP_SECRET);
    expect(screen.getByText(/LrnDevEui=…&LrnFPort=…&LrnInfos=…&AS_ID=…&Time=…/)).toBeTruthy();
    expect(screen.getByText(`Authorization: Bearer ${TP_SECRET}`)).toBeTruthy();
    expect(screen.getByText(/more than 10 minutes/)).toBeTruthy();
  });

  it('answers 413 over the body limit of the domain', () => {
    renderWithApp(<LoraIntegrationSetup integration={created} origin={ORIGIN} />);
    const answers = screen.getByRole('table', { name: 'Webhook answers' });
    const tooLarge = within(answers).getByRole('row', { name: /^413/ });
    expect(tooLarge.textContent).toContain(`The body is over ${LORA_BODY_LIMIT / 1024} KB.`);
  });

  it('shows a placeholder, never a value, where the secret goes when it is not known', () => {
    renderWithApp(<LoraIntegrationOverview integration={anIntegration()} origin={ORIGIN} />);
    expect(screen.getByTestId('webhook-url').textContent).toBe(
      `${ORIGIN}/ingestion/lora/chirpstack/v1/${CHIRP_ID}`,
    );
    expect(value('Header value')).toBe('Bearer <secret>');
    expect(screen.queryByRole('button', { name: 'Copy Header value' })).toBeNull();
    expect(screen.getByText(/The secret was shown once/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'add a device' }).getAttribute('href')).toBe('/devices/new');
  });
});

/** The dialog as a page uses it: opened by a button, closed by itself. */
function AddButtonAndDialog() {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpened(true)}>
        Add
      </button>
      <LoraIntegrationCreateDialog opened={opened} onClose={() => setOpened(false)} origin={ORIGIN} />
    </>
  );
}

describe('LoraIntegrationCreateDialog', () => {
  function respond() {
    return stubFetch(({ url, init }) => {
      if (url === '/api/lora/integrations' && init.method === 'POST') return { status: 201, body: created };
      return { status: 200, body: { data: [] } };
    });
  }

  it('checks the form with the domain schema before anything is sent', async () => {
    const fetchMock = respond();
    renderWithApp(<LoraIntegrationCreateDialog opened onClose={vi.fn()} origin={ORIGIN} />);
    const dialog = await screen.findByRole('dialog', { name: 'Add LoRa integration' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: '   ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add integration' }));
    expect(await within(dialog).findByText('Choose your network server')).toBeTruthy();
    expect(within(dialog).getByText('Enter a name')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the server’s field errors under their fields', async () => {
    stubFetch(() => ({
      ...problem(400, 'request.invalid', 'Invalid request', {
        errors: { 'body.name': ['The name must be at most 100 characters'] },
      }),
    }));
    renderWithApp(<LoraIntegrationCreateDialog opened onClose={vi.fn()} origin={ORIGIN} />);
    const dialog = await screen.findByRole('dialog', { name: 'Add LoRa integration' });
    fireEvent.click(within(dialog).getByRole('radio', { name: /ThingPark/ }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'KPN' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add integration' }));
    expect(await within(dialog).findByText('The name must be at most 100 characters')).toBeTruthy();
  });

  it('creates the integration, then shows its secret once with a warning and the ChirpStack setup', async () => {
    const fetchMock = respond();
    const { queryClient } = renderWithApp(<AddButtonAndDialog />);
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const form = await screen.findByRole('dialog', { name: 'Add LoRa integration' });
    fireEvent.click(within(form).getByRole('radio', { name: /ChirpStack v4/ }));
    fireEvent.change(within(form).getByRole('textbox', { name: /^Name/ }), {
      target: { value: '  Building sensors ' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add integration' }));

    const dialog = await screen.findByRole('dialog', { name: 'Integration "Building sensors" added' });
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(String(post?.[0])).toBe('/api/lora/integrations');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ kind: 'chirpstack', name: 'Building sensors' });

    expect(within(dialog).getByText('Copy the secret now: it will not be shown again')).toBeTruthy();
    expect(within(dialog).getByTestId('value-Secret').textContent).toBe(CHIRP_SECRET);
    expect(within(dialog).getByRole('button', { name: 'Copy Secret' })).toBeTruthy();
    expect(within(dialog).getByTestId('value-Webhook URL').textContent).toBe(
      `${ORIGIN}/ingestion/lora/chirpstack/v1/${CHIRP_ID}`,
    );
    expect(within(dialog).getByTestId('value-Header value').textContent).toBe(`Bearer ${CHIRP_SECRET}`);
    expect(within(dialog).getByRole('link', { name: 'Open integration' }).getAttribute('href')).toBe(
      `/lora/integrations/${CHIRP_ID}`,
    );
    // Nothing else leads away from the secret.
    expect(within(dialog).getAllByRole('link')).toHaveLength(1);
    // The cache holds what GET answers: the secret lives only in this dialog.
    expect(queryClient.getQueryData(loraIntegrationsKeys.detail(CHIRP_ID))).toEqual(anIntegration());

    fireEvent.click(within(dialog).getByRole('button', { name: 'I have copied the secret' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.body.textContent).not.toContain(CHIRP_SECRET);
    // Opened again, it starts a new integration: the secret is not shown a second time.
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByRole('dialog', { name: 'Add LoRa integration' })).toBeTruthy();
    expect(document.body.textContent).not.toContain(CHIRP_SECRET);
  });

  it('keeps the secret on screen when Escape is pressed', async () => {
    respond();
    const onClose = vi.fn();
    renderWithApp(<LoraIntegrationCreateDialog opened onClose={onClose} origin={ORIGIN} />);
    const form = await screen.findByRole('dialog', { name: 'Add LoRa integration' });
    fireEvent.click(within(form).getByRole('radio', { name: /ChirpStack v4/ }));
    fireEvent.change(within(form).getByRole('textbox', { name: /^Name/ }), {
      target: { value: 'Building sensors' },
    });
    fireEvent.click(within(form).getByRole('button', { name: 'Add integration' }));
    const dialog = await screen.findByRole('dialog', { name: 'Integration "Building sensors" added' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByTestId('value-Secret').textContent).toBe(CHIRP_SECRET);
  });
});

describe('DeleteLoraIntegrationDialog', () => {
  it('says the webhook will refuse uplinks and deletes only once confirmed', async () => {
    const fetchMock = stubFetch(() => ({ status: 204 }));
    const onDeleted = vi.fn();
    renderWithApp(
      <DeleteLoraIntegrationDialog
        integration={anIntegration()}
        opened
        onCancel={vi.fn()}
        onDeleted={onDeleted}
        origin={ORIGIN}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete LoRa integration' });
    expect(dialog.textContent).toContain('its webhook refuses uplinks from then on');
    expect(dialog.textContent).toContain(`${ORIGIN}/ingestion/lora/chirpstack/v1/${CHIRP_ID}`);
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete integration' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe(`/api/lora/integrations/${CHIRP_ID}`);
    expect(init?.method).toBe('DELETE');
  });

  it('sends nothing when cancelled', async () => {
    const fetchMock = stubFetch(() => ({ status: 204 }));
    const onCancel = vi.fn();
    renderWithApp(
      <DeleteLoraIntegrationDialog
        integration={anIntegration()}
        opened
        onCancel={onCancel}
        onDeleted={vi.fn()}
        origin={ORIGIN}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete LoRa integration' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('keeps the dialog open with the reason when the delete fails', async () => {
    stubFetch(() => problem(403, 'auth.forbidden', 'Forbidden'));
    const onDeleted = vi.fn();
    renderWithApp(
      <DeleteLoraIntegrationDialog
        integration={anIntegration()}
        opened
        onCancel={vi.fn()}
        onDeleted={onDeleted}
        origin={ORIGIN}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Delete LoRa integration' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete integration' }));
    expect((await within(dialog).findByRole('alert')).textContent).toMatch(/not allowed/);
    expect(onDeleted).not.toHaveBeenCalled();
  });
});
