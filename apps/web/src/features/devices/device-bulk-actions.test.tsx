import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aDevice } from '../../testing/fixtures.ts';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import {
  BulkOutcomeAlert,
  DeviceBulkActions,
  failuresByReason,
  outcomeTitle,
} from './device-bulk-actions.tsx';

const a = aDevice({ id: '11111111-1111-4111-8111-111111111111', name: 'Pump A' });
const b = aDevice({ id: '22222222-2222-4222-8222-222222222222', name: 'Pump B' });

function renderActions(onOutcome = vi.fn(), canDelete = true) {
  renderWithApp(
    <DeviceBulkActions
      devices={[a, b]}
      canDelete={canDelete}
      canLink
      renderFlowSelect={() => null}
      flowName={() => 'Fleet telemetry'}
      onOutcome={onOutcome}
    />,
  );
  return onOutcome;
}

describe('the devices action bar', () => {
  it('deactivates the selected devices in one request and reports each outcome', async () => {
    const fetchMock = stubFetch(() => ({
      status: 200,
      body: {
        succeeded: [a.id],
        failed: [{ id: b.id, code: 'devices.managed', detail: 'Managed devices cannot be deleted' }],
      },
    }));
    const onOutcome = renderActions();
    fireEvent.click(screen.getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(onOutcome).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe('/api/devices/bulk-actions');
    expect(JSON.parse(String(init?.body))).toEqual({ action: 'deactivate', deviceIds: [a.id, b.id] });
    expect(onOutcome).toHaveBeenCalledWith({
      action: 'deactivate',
      succeeded: 1,
      failed: [{ id: b.id, name: 'Pump B', detail: 'Managed devices cannot be deleted' }],
    });
  });

  it('asks before deleting, naming how many devices go', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: { succeeded: [a.id, b.id], failed: [] } }));
    const onOutcome = renderActions();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(await screen.findByRole('dialog', { name: 'Delete 2 devices' })).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Delete 2 devices' }));
    await waitFor(() =>
      expect(onOutcome).toHaveBeenCalledWith({ action: 'delete', succeeded: 2, failed: [] }),
    );
  });

  it('offers no Delete without the right to delete', () => {
    renderActions(vi.fn(), false);
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Link to flow' })).toBeTruthy();
  });
});

describe('the outcome of a bulk action', () => {
  it('says what happened in one line', () => {
    expect(outcomeTitle({ action: 'link', succeeded: 3, failed: [], flowName: 'Fleet telemetry' })).toBe(
      '3 devices linked to Fleet telemetry',
    );
    expect(
      outcomeTitle({ action: 'activate', succeeded: 1, failed: [{ id: 'x', name: 'X', detail: 'No' }] }),
    ).toBe('1 device activated, 1 failed');
  });

  it('groups failures by reason and names the devices', () => {
    const failed = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({
      id: name,
      name,
      detail: 'Managed devices cannot be deleted',
    }));
    expect(failuresByReason(failed)).toEqual([
      { detail: 'Managed devices cannot be deleted', names: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] },
    ]);
    renderWithApp(
      <BulkOutcomeAlert outcome={{ action: 'delete', succeeded: 0, failed }} onClose={vi.fn()} />,
    );
    expect(screen.getByRole('alert').textContent).toContain('A, B, C, D, E and 2 more');
  });
});
