import { UiProvider } from '@openthings/ui';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

/** Renders as the app does — query client, kit provider, a router — with a fresh cache per test. */
export function renderWithApp(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <UiProvider withNotifications={false}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </UiProvider>
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  contentType?: string;
}

/** Replaces `fetch`; `respond` sees each request and answers it. Calls are kept for assertions. */
export function stubFetch(respond: (request: { url: string; init: RequestInit }) => FakeResponse) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const answer = respond({ url: String(input), init });
    // A text body of a non-JSON type (a CSV download) is sent as it is.
    const raw = typeof answer.body === 'string' && !/json/.test(answer.contentType ?? 'json');
    const body =
      answer.body === undefined ? null : raw ? (answer.body as string) : JSON.stringify(answer.body);
    return new Response(answer.status === 204 ? null : body, {
      status: answer.status,
      headers: { 'content-type': answer.contentType ?? 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function problem(status: number, code: string, title: string, extra: Record<string, unknown> = {}) {
  return {
    status,
    contentType: 'application/problem+json',
    body: { type: `https://openthings.dev/problems/${code}`, title, status, code, ...extra },
  };
}
