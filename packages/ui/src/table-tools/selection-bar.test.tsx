import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { SelectionBar } from './selection-bar.tsx';

const noun = { one: 'device', other: 'devices' };

describe('SelectionBar', () => {
  it('appears with the count and the actions while rows are selected', () => {
    const activate = vi.fn();
    renderWithUi(
      <SelectionBar count={3} noun={noun} onClear={vi.fn()}>
        <button type="button" onClick={activate}>
          Activate
        </button>
      </SelectionBar>,
    );
    const bar = screen.getByRole('toolbar', { name: 'Actions for the selection' });
    expect(bar.textContent).toContain('3 devices selected');
    fireEvent.click(screen.getByRole('button', { name: 'Activate' }));
    expect(activate).toHaveBeenCalledTimes(1);
  });

  it('says "device" for one', () => {
    renderWithUi(
      <SelectionBar count={1} noun={noun} onClear={vi.fn()}>
        <span />
      </SelectionBar>,
    );
    expect(screen.getByText('1 device selected')).toBeTruthy();
  });

  it('clears the selection', () => {
    const onClear = vi.fn();
    renderWithUi(
      <SelectionBar count={2} onClear={onClear}>
        <span />
      </SelectionBar>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(onClear).toHaveBeenCalledTimes(1);
  });

  it('is not there when nothing is selected', () => {
    renderWithUi(
      <SelectionBar count={0} onClear={vi.fn()}>
        <button type="button">Activate</button>
      </SelectionBar>,
    );
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Activate' })).toBeNull();
  });
});
