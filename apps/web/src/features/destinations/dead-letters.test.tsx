import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { DeadLetters, fromLocalInput, toLocalInput } from './dead-letters.tsx';

const ID = '7b0e6a55-0c4c-4b7e-9d55-2f1f8a3c9e01';
const DELIVERY = '01a21dc5-9163-7000-aebf-86a4a2a1fe38';

const letter = {
  id: DELIVERY,
  uplinkId: '01a21dc5-914b-7000-8f61-4abbee0943d0',
  deviceId: '3a800392-f85c-4d4a-b2d0-af55feae2e68',
  flowId: null,
  attempts: 1,
  lastStatus: 400,
  lastError: null,
  createdAt: '2026-01-01T10:00:00.000Z',
  deadAt: '2026-01-01T10:00:01.000Z',
};

describe('datetime-local values', () => {
  it('round-trip through the browser’s time zone', () => {
    const date = new Date(2026, 0, 31, 9, 5);
    expect(toLocalInput(date)).toBe('2026-01-31T09:05');
    expect(fromLocalInput('2026-01-31T09:05')?.getTime()).toBe(date.getTime());
    expect(fromLocalInput('2026-01-31')).toBeNull();
    expect(fromLocalInput('')).toBeNull();
  });
});

describe('DeadLetters', () => {
  it('replays one message', async () => {
    const fetchMock = stubFetch(({ url }) =>
      url.includes('/replay')
        ? { status: 202, body: { replayed: 1 } }
        : { status: 200, body: { data: [letter], links: { next: null, prev: null }, meta: { total: 1 } } },
    );
    renderWithApp(<DeadLetters destinationId={ID} canReplay />);
    fireEvent.click(await screen.findByRole('button', { name: /^Replay the message given up at/ }));
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([url, init]) =>
            String(url) === `/api/destinations/${ID}/dead-letters/${DELIVERY}/replay` &&
            init?.method === 'POST',
        ),
      ).toBe(true),
    );
  });

  it('asks before replaying everything since a time, saying how many', async () => {
    const fetchMock = stubFetch(({ url }) =>
      url.endsWith('/dead-letters/replay')
        ? { status: 202, body: { replayed: 3 } }
        : { status: 200, body: { data: [letter], links: { next: null, prev: null }, meta: { total: 3 } } },
    );
    renderWithApp(<DeadLetters destinationId={ID} canReplay />);
    fireEvent.click(await screen.findByRole('button', { name: 'Replay all since…' }));
    expect(await screen.findByText('3 dead letters will be sent again.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Given up since/), { target: { value: '2026-01-01T00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    await waitFor(() => {
      const call = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/dead-letters/replay'));
      expect(JSON.parse(String(call?.[1]?.body))).toEqual({ since: new Date(2026, 0, 1).toISOString() });
    });
  });

  it('offers no replay to those who may only read', async () => {
    stubFetch(() => ({
      status: 200,
      body: { data: [letter], links: { next: null, prev: null }, meta: { total: 1 } },
    }));
    renderWithApp(<DeadLetters destinationId={ID} canReplay={false} />);
    expect(await screen.findByText('400')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Replay/ })).toBeNull();
  });
});
