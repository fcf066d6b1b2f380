import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aDeviceType } from '../../../testing/fixtures.ts';
import { problem, renderWithApp, stubFetch } from '../../../testing/render.tsx';
import { DeviceDetailsForm } from './device-details-form.tsx';

const PROJECT = 'f1d91165-41b3-4387-b01d-faa3f7207d71';

function renderForm(onCreated = vi.fn()) {
  renderWithApp(
    <DeviceDetailsForm
      type={aDeviceType()}
      projects={[{ id: PROJECT, name: 'My first project' }]}
      defaultProjectId={PROJECT}
      renderFlowSelect={() => null}
      onBack={vi.fn()}
      onCreated={onCreated}
    />,
  );
  return onCreated;
}

describe('DeviceDetailsForm', () => {
  it('asks for a name before anything is sent', async () => {
    const fetchMock = stubFetch(() => ({ status: 500 }));
    renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Add device' }));
    expect(await screen.findByText('Enter a name')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says so when the project has no room for another device', async () => {
    stubFetch(() =>
      problem(
        409,
        'devices.limit_reached',
        'Device could not be created: The maximum amount of devices for this product has been reached',
      ),
    );
    const onCreated = renderForm();
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Pump 9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add device' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Device could not be created: The maximum amount of devices for this product has been reached',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });
});
