import { UiProvider } from '@openthings/ui';
import { fireEvent, render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../lib/api.ts';
import { RouteError } from './route-error.tsx';

function Loaded() {
  return <p>Loaded</p>;
}

function Waiting() {
  return <p>Waiting</p>;
}

function renderRoute(loader: () => unknown) {
  const router = createMemoryRouter([
    { path: '/', loader, Component: Loaded, HydrateFallback: Waiting, errorElement: <RouteError /> },
  ]);
  render(
    <UiProvider withNotifications={false}>
      <RouterProvider router={router} />
    </UiProvider>,
  );
}

describe('RouteError', () => {
  it('explains a failed page in words and offers a retry that works', async () => {
    let calls = 0;
    const loader = vi.fn(() => {
      calls += 1;
      if (calls === 1) throw new Response('down', { status: 503 });
      return null;
    });
    renderRoute(loader);
    expect((await screen.findByRole('alert')).textContent).toContain('The page could not be loaded (503).');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Loaded')).toBeTruthy();
  });

  it('uses the error sentence of an API error', async () => {
    renderRoute(() => {
      throw new ApiError({ status: 0, code: 'network.unreachable', title: 'x' });
    });
    expect((await screen.findByRole('alert')).textContent).toContain('The server could not be reached');
    expect(screen.getByRole('link', { name: 'Go to the start page' })).toBeTruthy();
  });
});
