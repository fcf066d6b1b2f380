import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { SavedViewsMenu, type SavedViewsMenuProps } from './saved-views-menu.tsx';

const views = [
  { id: 'v1', name: 'LoRa only', isDefault: true },
  { id: 'v2', name: 'Silent devices', isDefault: false },
];

function renderMenu(overrides: Partial<SavedViewsMenuProps> = {}) {
  const props: SavedViewsMenuProps = {
    views,
    activeId: null,
    onApply: vi.fn(),
    onMain: vi.fn(),
    onSave: vi.fn(async () => undefined),
    onUpdate: vi.fn(async () => undefined),
    onRename: vi.fn(async () => undefined),
    onSetDefault: vi.fn(async () => undefined),
    onDelete: vi.fn(async () => undefined),
    ...overrides,
  };
  renderWithUi(<SavedViewsMenu {...props} />);
  return props;
}

const openMenu = (name: RegExp) => fireEvent.click(screen.getByRole('button', { name }));

describe('SavedViewsMenu', () => {
  it('lists the views with the default marked, and applies one', () => {
    const props = renderMenu();
    openMenu(/Views: Main view/);
    expect(screen.getByRole('menuitem', { name: /LoRa only/ }).textContent).toContain('Default');
    fireEvent.click(screen.getByRole('menuitem', { name: 'Silent devices' }));
    expect(props.onApply).toHaveBeenCalledWith('v2');
  });

  it('saves the table as a new default view', async () => {
    const props = renderMenu();
    openMenu(/Views/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Save view…' }));
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: '  Trackers  ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /Make default/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(props.onSave).toHaveBeenCalledWith({ name: 'Trackers', makeDefault: true }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Save view' })).toBeNull());
  });

  it('asks for a name and shows why the server refused', async () => {
    renderMenu({
      onSave: vi.fn(async () => Promise.reject(new Error('You can save at most 10 views per table'))),
    });
    openMenu(/Views/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Save view…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    expect(screen.getByText('Enter a name')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'Eleventh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save view' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You can save at most 10 views per table');
    expect(screen.getByRole('dialog', { name: 'Save view' })).toBeTruthy();
  });

  it('offers to go back to the main view, rename and delete while a view is applied', async () => {
    const props = renderMenu({ activeId: 'v2' });
    openMenu(/Views: Silent devices/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Back to main view' }));
    expect(props.onMain).toHaveBeenCalledTimes(1);

    openMenu(/Views: Silent devices/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Rename “Silent devices”…' }));
    fireEvent.change(screen.getByLabelText(/Name/), { target: { value: 'Quiet devices' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(props.onRename).toHaveBeenCalledWith('v2', 'Quiet devices'));

    openMenu(/Views: Silent devices/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Delete “Silent devices”…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(props.onDelete).toHaveBeenCalledWith('v2'));
  });

  it('saves changes to the applied view only when the table differs from it', () => {
    const props = renderMenu({ activeId: 'v1', modified: true });
    openMenu(/Views: LoRa only \(changed\)/);
    fireEvent.click(screen.getByRole('menuitem', { name: 'Save changes to “LoRa only”' }));
    expect(props.onUpdate).toHaveBeenCalledWith('v1');
  });

  it('stops offering "Save view…" at the limit', () => {
    renderMenu({ max: 2 });
    openMenu(/Views/);
    expect(screen.getByRole('menuitem', { name: 'Save view… (at most 2)' }).hasAttribute('disabled')).toBe(
      true,
    );
  });
});
