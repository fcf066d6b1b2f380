import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../testing/render.tsx';
import { ApiError } from './api.ts';
import { RecordLoadError } from './record-load-error.tsx';

const failed = (status: number) => new ApiError({ status, code: 'internal', title: 'Failed' });

describe('RecordLoadError', () => {
  it('says a record that is not there is not found, with no retry', () => {
    renderWithApp(
      <RecordLoadError
        title="Bulk report"
        back={null}
        noun="bulk report"
        query={{ error: failed(404), refetch: vi.fn(), isFetching: false }}
      />,
    );
    expect(screen.getByText('Bulk report not found')).toBeTruthy();
    expect(screen.getByText('This bulk report does not exist, or you cannot see it.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });

  it('offers to try again when loading failed', () => {
    const refetch = vi.fn();
    renderWithApp(
      <RecordLoadError
        title="Flow"
        back={null}
        noun="flow"
        query={{ error: failed(500), refetch, isFetching: false }}
      />,
    );
    expect(screen.getByText('The flow could not be loaded')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(refetch).toHaveBeenCalledTimes(1);
  });
});
