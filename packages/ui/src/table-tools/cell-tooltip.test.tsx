import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { CellHoverList } from './cell-hover-list.tsx';
import { CellTooltip } from './cell-tooltip.tsx';

describe('CellTooltip', () => {
  it('creates no tooltip until the trigger is hovered or focused', () => {
    renderWithUi(<CellTooltip label="Managed by the operator">🔒</CellTooltip>);
    expect(screen.queryByRole('tooltip')).toBeNull();
  });

  it('shows on hover and hides when the pointer leaves', async () => {
    renderWithUi(<CellTooltip label="Managed by the operator">🔒</CellTooltip>);
    fireEvent.mouseEnter(screen.getByText('🔒'));
    expect((await screen.findByRole('tooltip')).textContent).toBe('Managed by the operator');
    fireEvent.mouseLeave(screen.getByText('🔒'));
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });

  it('shows on keyboard focus and closes with Escape', async () => {
    renderWithUi(<CellHoverList count={3} items={['Fleet telemetry', 'Alarms']} title="Flows" />);
    const count = screen.getByLabelText('3 flows: Fleet telemetry, Alarms and 1 more');
    fireEvent.focus(count);
    const tooltip = await screen.findByRole('tooltip');
    expect(tooltip.textContent).toBe('FlowsFleet telemetryAlarmsand 1 more');
    fireEvent.keyDown(count, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('tooltip')).toBeNull());
  });
});
