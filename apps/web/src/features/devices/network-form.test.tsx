import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aDevice, aDeviceType } from '../../testing/fixtures.ts';
import { problem, renderWithApp, stubFetch } from '../../testing/render.tsx';
import { NetworkForm } from './network-form.tsx';

const noSims = { status: 200, body: { data: [], links: { next: null, prev: null } } };

describe('NetworkForm', () => {
  it('checks an M2M device with the domain schema before sending', async () => {
    const fetchMock = stubFetch(() => noSims);
    renderWithApp(<NetworkForm device={aDevice()} type={aDeviceType()} onAdded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText(/^IMEI/), { target: { value: '357292748642777' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add network info' }));
    expect(
      await screen.findByText('This IMEI is not valid: its check digit does not match (Luhn)'),
    ).toBeTruthy();
    expect(screen.getByText('Choose a SIM, or add an early access SIM')).toBeTruthy();
    expect(fetchMock.mock.calls.every(([url]) => String(url).startsWith('/api/sims'))).toBe(true);
  });

  it('puts the server’s refusal under the field it is about', async () => {
    stubFetch(({ url }) =>
      url.startsWith('/api/sims')
        ? noSims
        : problem(
            409,
            'devices.identifier_exists',
            'The network identifier already exists for this network type',
            {
              errors: { 'body.dvnUuid': ['The network identifier already exists for this network type'] },
            },
          ),
    );
    const onAdded = vi.fn();
    renderWithApp(
      <NetworkForm device={aDevice()} type={aDeviceType({ networkTypes: ['INTERNET'] })} onAdded={onAdded} />,
    );
    const dvnUuid = screen.getByLabelText(/^DvnUUID/) as HTMLInputElement;
    expect(dvnUuid.value).toMatch(/^[0-9a-f-]{36}$/);
    fireEvent.click(screen.getByRole('button', { name: 'Add network info' }));
    await waitFor(() =>
      expect(screen.getByText('The network identifier already exists for this network type')).toBeTruthy(),
    );
    expect(dvnUuid.getAttribute('aria-invalid')).toBe('true');
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('fills a shared secret the API accepts with "Generate"', () => {
    stubFetch(() => noSims);
    renderWithApp(
      <NetworkForm device={aDevice()} type={aDeviceType({ networkTypes: ['INTERNET'] })} onAdded={vi.fn()} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect((screen.getByLabelText(/^Shared secret/) as HTMLInputElement).value.length).toBe(40);
  });

  it('asks nothing for a programmable LoRa device and sends the network type with the default plan', async () => {
    const fetchMock = stubFetch(() => ({
      status: 201,
      body: {
        adapter: {
          type: 'LORA',
          devEui: '70B3D5E75E000021',
          appEui: '0059AC00000FFFFF',
          imei: null,
          iccid: null,
          dvnUuid: null,
        },
        secrets: { appKey: 'BC3D6BB87B936DAB95FE4D2C8A11ADA3' },
      },
    }));
    const onAdded = vi.fn();
    renderWithApp(
      <NetworkForm
        device={aDevice()}
        type={aDeviceType({ networkTypes: ['LORA'], loraProvisioning: 'generated' })}
        onAdded={onAdded}
      />,
    );
    expect(screen.queryByLabelText(/^DevEUI/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Generate network info' }));
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
    expect(JSON.parse(String(fetchMock.mock.calls[0]?.[1]?.body))).toEqual({
      type: 'LORA',
      connectivityPlanId: 'lora-basic',
    });
  });
});
