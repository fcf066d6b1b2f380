import type { Flow } from '@openthings/domain';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aDevice } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/render.tsx';
import { DeviceFlows } from './device-flows.tsx';

const flow: Flow = {
  id: '9b7f3a52-4c1d-4e8f-a6b2-0d5c9e1f2a34',
  projectId: 'f1d91165-41b3-4387-b01d-faa3f7207d71',
  projectName: 'Fleet demo',
  name: 'Cold chain',
  description: '',
  deviceCount: 12,
  createdAt: '2026-01-15T09:30:00.000Z',
  modifiedAt: '2026-01-15T09:30:00.000Z',
};

describe('DeviceFlows', () => {
  it('links each flow name to the flow, so it opens in a new tab too', () => {
    renderWithApp(<DeviceFlows device={aDevice()} flows={[flow]} canWrite={false} />);
    const link = screen.getByRole('link', { name: 'Cold chain' });
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe(`/flows/${flow.id}`);
  });
});
