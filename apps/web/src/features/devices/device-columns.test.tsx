import type { Device } from '@openthings/domain';
import { DataTable } from '@openthings/ui';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aDevice } from '../../testing/fixtures.ts';
import { renderWithApp } from '../../testing/render.tsx';
import { deviceColumns } from './device-columns.tsx';

const truck = aDevice({ primaryIdentifier: '357292748642776' });

function renderDevices(onRowActivate: (d: Device) => void) {
  return renderWithApp(
    <DataTable<Device>
      label="Devices"
      columns={deviceColumns}
      data={[truck]}
      getRowId={(d) => d.id}
      onRowActivate={onRowActivate}
      getRowLabel={(d) => `Open device ${d.name}`}
    />,
  );
}

describe('the devices table', () => {
  it('names each device with a real link to its page, for a new tab or window', () => {
    const onRowActivate = vi.fn();
    renderDevices(onRowActivate);
    const link = screen.getByRole('link', { name: 'Truck 001' });
    expect(link.tagName).toBe('A');
    expect(link.getAttribute('href')).toBe(`/devices/${truck.id}`);
    // Ctrl-click is the browser's (a new tab): the row does not also open the device here.
    fireEvent.click(link, { ctrlKey: true });
    expect(onRowActivate).not.toHaveBeenCalled();
  });

  it('still opens the device on a click elsewhere on the row and on Enter', () => {
    const onRowActivate = vi.fn();
    renderDevices(onRowActivate);
    fireEvent.click(screen.getByText('357292748642776'));
    const row = screen.getByRole('row', { name: 'Open device Truck 001' });
    fireEvent.keyDown(row, { key: 'Enter' });
    expect(onRowActivate).toHaveBeenCalledTimes(2);
    expect(onRowActivate).toHaveBeenCalledWith(truck);
  });
});
