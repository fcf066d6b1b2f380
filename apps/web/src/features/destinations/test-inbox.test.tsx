import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { prettyBody, summarize, TestInbox } from './test-inbox.tsx';

const ID = '7b0e6a55-0c4c-4b7e-9d55-2f1f8a3c9e01';
const urn = 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:';
const body = JSON.stringify([
  { bn: urn, bt: 1767225600, n: 'temperature', u: 'Cel', v: 21.5 },
  { n: 'batteryLevel', u: '%EL', v: 87 },
]);

describe('summarize and prettyBody', () => {
  it('name the device and the first measurements of a SenML body', () => {
    expect(summarize(body)).toEqual({ device: urn, records: 'temperature 21.5 Cel · batteryLevel 87 %EL' });
    const many = JSON.stringify([1, 2, 3, 4, 5].map((v) => ({ n: `m${v}`, v })));
    expect(summarize(many).records).toBe('m1 1 · m2 2 · m3 3 · +2 more');
    expect(summarize('not json')).toEqual({ device: null, records: 'Not JSON' });
  });

  it('indents JSON and leaves anything else as it came', () => {
    expect(prettyBody('[{"n":"a"}]')).toBe('[\n  {\n    "n": "a"\n  }\n]');
    expect(prettyBody('plain')).toBe('plain');
  });
});

describe('TestInbox', () => {
  it('says how to get data in while it is empty', async () => {
    stubFetch(() => ({ status: 200, body: { data: [] } }));
    renderWithApp(<TestInbox destinationId={ID} />);
    expect(await screen.findByText('Nothing has arrived yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'device simulator' }).getAttribute('href')).toBe('/simulator');
  });

  it('lists the requests and opens one to its headers and body', async () => {
    const fetchMock = stubFetch(() => ({
      status: 200,
      body: {
        data: [
          {
            id: 1,
            receivedAt: '2026-01-01T00:00:01.000Z',
            headers: { 'things-plug-uuid': ID, 'webhook-id': 'abc' },
            body,
          },
        ],
      },
    }));
    renderWithApp(<TestInbox destinationId={ID} />);
    expect(await screen.findByText('temperature 21.5 Cel · batteryLevel 87 %EL')).toBeTruthy();
    expect(String(fetchMock.mock.calls[0]?.[0])).toBe(`/api/destinations/${ID}/inbox`);
    fireEvent.click(screen.getByRole('button', { name: /^Show details of request received at/ }));
    const headers = screen.getByRole('table', { name: 'Headers' });
    expect(within(headers).getByText('things-plug-uuid')).toBeTruthy();
    expect(within(headers).getByText(ID)).toBeTruthy();
    expect(screen.getByTestId('inbox-body').textContent).toContain('"temperature"');
  });

  it('pauses and resumes the live refresh', async () => {
    stubFetch(() => ({ status: 200, body: { data: [] } }));
    renderWithApp(<TestInbox destinationId={ID} />);
    const pause = await screen.findByRole('button', { name: 'Pause' });
    fireEvent.click(pause);
    expect(screen.getByRole('button', { name: 'Resume' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Paused')).toBeTruthy();
  });
});
