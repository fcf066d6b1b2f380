import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../../testing/render.tsx';
import { brokerAddresses, DeviceMqttAccess } from './device-mqtt-access.tsx';

const DEVICE = '0b7e6f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const URN = 'urn:dev:IMEI:357292748642776:';
const binding = {
  id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  deviceId: DEVICE,
  urn: URN,
  createdAt: '2026-12-08T01:00:00.000Z',
  modifiedAt: '2026-12-08T01:00:00.000Z',
};
const broker = {
  tcpPort: 1883,
  tlsPort: 8883,
  tlsFingerprint: 'AB:CD',
  tlsSelfSigned: true,
  webSocketPath: '/mqtt',
};

describe('brokerAddresses', () => {
  it('names every way in at the host the portal is opened at', () => {
    expect(brokerAddresses(broker, 'things.example.com', 'https://things.example.com')).toEqual([
      'mqtts://things.example.com:8883',
      'mqtt://things.example.com:1883',
      'wss://things.example.com/mqtt',
      'wss://things.example.com:8883/mqtt',
    ]);
    expect(
      brokerAddresses({ ...broker, tcpPort: null, tlsPort: null }, 'localhost', 'http://localhost:8080'),
    ).toEqual(['ws://localhost:8080/mqtt']);
  });
});

describe('DeviceMqttAccess', () => {
  it('gives access with a generated password shown once, makes a new one and removes access, asking first', async () => {
    let current: typeof binding | null = null;
    const calls: string[] = [];
    stubFetch(({ url, init }) => {
      const method = init.method ?? 'GET';
      calls.push(`${method} ${new URL(url, 'http://x').pathname}`);
      if (url.includes('/api/mqtt/broker')) return { status: 200, body: broker };
      if (method === 'POST') {
        current = binding;
        return { status: 201, body: { ...binding, generatedPassword: 'first-generated-password-000000' } };
      }
      if (method === 'PATCH')
        return { status: 200, body: { ...binding, generatedPassword: 'second-generated-password-00000' } };
      if (method === 'DELETE') {
        current = null;
        return { status: 204 };
      }
      return { status: 200, body: { data: current ? [current] : [], links: { next: null, prev: null } } };
    });
    renderWithApp(<DeviceMqttAccess deviceId={DEVICE} urn={URN} canWrite />);

    expect(await screen.findByText('No MQTT access yet')).toBeTruthy();
    expect(await screen.findByText(`mqtts://${window.location.hostname}:8883`)).toBeTruthy();
    expect(screen.getByText(`devices/${URN}/up`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Give MQTT access' }));
    expect(await screen.findByText('first-generated-password-000000')).toBeTruthy();
    expect(screen.getByText('Copy the secret now')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByText('first-generated-password-000000')).toBeNull();
    expect(screen.getByText('Set (not shown)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New password' }));
    const renew = await screen.findByRole('dialog', { name: 'New MQTT password' });
    fireEvent.click(within(renew).getByRole('button', { name: 'Make a new password' }));
    expect(await screen.findByText('second-generated-password-00000')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));

    fireEvent.click(screen.getByRole('button', { name: 'Remove MQTT access' }));
    const removal = await screen.findByRole('dialog', { name: 'Remove MQTT access' });
    fireEvent.click(within(removal).getByRole('button', { name: 'Remove access' }));
    expect(await screen.findByText('No MQTT access yet')).toBeTruthy();
    expect(calls).toEqual(
      expect.arrayContaining([
        'POST /api/mqtt/bindings',
        `PATCH /api/mqtt/bindings/${binding.id}`,
        `DELETE /api/mqtt/bindings/${binding.id}`,
      ]),
    );
  });

  it('shows a reader the user name and topics, without buttons', async () => {
    stubFetch(({ url }) =>
      url.includes('/api/mqtt/broker')
        ? { status: 200, body: broker }
        : { status: 200, body: { data: [binding], links: { next: null, prev: null } } },
    );
    renderWithApp(<DeviceMqttAccess deviceId={DEVICE} urn={URN} canWrite={false} />);
    expect(await screen.findByText('Set (not shown)')).toBeTruthy();
    expect(screen.getByText(URN)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
