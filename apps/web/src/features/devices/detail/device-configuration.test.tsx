import type { NetworkAdapter } from '@openthings/domain';
import { useQuery } from '@tanstack/react-query';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aDevice, aDeviceType } from '../../../testing/fixtures.ts';
import { renderWithApp, stubFetch } from '../../../testing/render.tsx';
import { devicesQueries } from '../devices.api.ts';
import { DeviceConfiguration } from './device-configuration.tsx';

const device = aDevice({ deviceType: { id: 'own-internet', name: 'Own internet device', managed: false } });
const type = aDeviceType({ id: 'own-internet', name: 'Own internet device', networkTypes: ['INTERNET'] });
const SECRET = 'Xk4#pR7@mN2!qW9%zT6*vB3+hJ8=cF5?';

const adapter: NetworkAdapter = {
  id: 'a1e5c7d0-0b4f-4d6e-9a51-3c2f8e7b6a90',
  deviceId: device.id,
  type: 'INTERNET',
  identifier: '6f1c2b9e-8d3a-4c5b-9e7f-1a2b3c4d5e6f',
  urn: 'urn:dev:DVNUUID:6f1c2b9e-8d3a-4c5b-9e7f-1a2b3c4d5e6f:',
  devEui: null,
  appEui: null,
  connectivityPlanId: null,
  networkStatus: null,
  imei: null,
  iccid: null,
  dvnUuid: '6f1c2b9e-8d3a-4c5b-9e7f-1a2b3c4d5e6f',
  hasSharedSecret: true,
  createdAt: '2026-01-15T09:30:00.000Z',
  modifiedAt: '2026-01-15T09:30:00.000Z',
};

/** The tab as the device page gives it: adapters from their query, which refetches after the add. */
function ConfigurationTab() {
  const adapters = useQuery(devicesQueries.adapters(device.id));
  return <DeviceConfiguration device={device} type={type} adapters={adapters.data} canWrite />;
}

describe('DeviceConfiguration', () => {
  it('shows the generated shared secret once after adding network information, though the form is done', async () => {
    let added = false;
    stubFetch(({ url, init }) => {
      if (init.method === 'POST') {
        added = true;
        return { status: 201, body: { adapter, secrets: { sharedSecret: SECRET } } };
      }
      if (url.endsWith('/network-adapters')) return { status: 200, body: { data: added ? [adapter] : [] } };
      return { status: 200, body: { data: [], links: { next: null, prev: null } } };
    });
    renderWithApp(<ConfigurationTab />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add network info' }));

    expect(await screen.findByText(SECRET)).toBeTruthy();
    expect(screen.getByText('Copy the secret now')).toBeTruthy();
    // The device has all its network information now; the secret stays until the user is done with it.
    expect(await screen.findByText('Set (not shown)')).toBeTruthy();
    expect(screen.getByText(SECRET)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have copied them' }));
    expect(screen.queryByText(SECRET)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add network info' })).toBeNull();
  });
});
