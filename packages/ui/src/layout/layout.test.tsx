import { IconReplace } from '@tabler/icons-react';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { ErrorState } from './error-state.tsx';
import { KeyValueList } from './key-value-list.tsx';
import { PageHeader } from './page-header.tsx';
import { SectionAction, SectionCard } from './section-card.tsx';

describe('ConfirmDialog', () => {
  const props = {
    title: 'Delete device',
    message: 'The device and its history are removed.',
    confirmLabel: 'Delete',
    danger: true,
  };

  it('asks, and reports the answer', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    renderWithUi(<ConfirmDialog opened {...props} onConfirm={onConfirm} onCancel={onCancel} />);
    expect(await screen.findByRole('dialog', { name: 'Delete device' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('says why the action failed under the message', async () => {
    renderWithUi(
      <ConfirmDialog opened {...props} error="The device is busy." onConfirm={vi.fn()} onCancel={vi.fn()} />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('The device is busy.');
  });

  it('shows nothing while closed', () => {
    renderWithUi(<ConfirmDialog opened={false} {...props} onConfirm={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('ErrorState', () => {
  it('is announced and offers to try again', () => {
    const onRetry = vi.fn();
    renderWithUi(<ErrorState message="The devices could not be loaded." onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('The devices could not be loaded.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('offers no retry when there is nothing to retry', () => {
    renderWithUi(<ErrorState message="Not found." />);
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});

describe('PageHeader and KeyValueList', () => {
  it('give the page its heading and label their values', () => {
    renderWithUi(
      <>
        <PageHeader title="Fleet demo" actions={<button type="button">Edit</button>} />
        <KeyValueList items={[{ label: 'Expiry date', value: 'No expiry' }]} />
      </>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Fleet demo' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Edit' })).toBeTruthy();
    expect(screen.getByText('Expiry date').tagName).toBe('DT');
    expect(screen.getByText('No expiry').tagName).toBe('DD');
  });
});

describe('SectionAction', () => {
  it('is a button among the section actions', () => {
    const onClick = vi.fn();
    renderWithUi(
      <SectionCard
        title="SIM"
        actions={
          <SectionAction icon={IconReplace} onClick={onClick}>
            Swap SIM
          </SectionAction>
        }
      >
        details
      </SectionCard>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Swap SIM' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
