import type { HistoryUplink } from '@openthings/domain';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { deliveriesSummary, recordsSummary, UplinkHistory } from './uplink-history.tsx';

const urn = 'urn:dev:DVNUUID:5e1f0000-0000-4000-8000-00000000f001:';
const DEVICE = '3a800392-f85c-4d4a-b2d0-af55feae2e68';
const FLOW = 'ad389586-1842-4d70-948d-8976f2eb3d34';

function anUplink(overrides: Partial<HistoryUplink> = {}): HistoryUplink {
  return {
    id: '01a21dc5-914b-7000-8f61-4abbee0943d0',
    receivedAt: '2026-01-01T10:00:00.000Z',
    connector: 'http-senml-ip',
    state: 'processed',
    error: null,
    payloadHex: '5b5d',
    payloadText: `[{"bn":"${urn}","n":"temperature","u":"Cel","v":21.5}]`,
    metadata: {},
    decodings: [
      {
        flowId: FLOW,
        decoderId: '3bba7d63-f98e-47e7-a836-92ad6ca26c2f',
        decoderName: 'SenML/ThingsML passthrough',
        records: [
          { n: `${urn}temperature`, u: 'Cel', v: 21.5, t: 1767261600 },
          { n: `${urn}batteryLevel`, u: '%EL', v: 87, t: 1767261600 },
        ],
        error: null,
      },
    ],
    deliveries: [
      {
        id: '01a21dc5-9163-7000-aebf-86a4a2a1fe38',
        destinationId: 'f97240fa-c020-4d48-83e7-4a335f8b05a2',
        destinationName: 'Probe inbox',
        state: 'succeeded',
        attempts: 1,
        lastStatus: 204,
        lastError: null,
      },
    ],
    ...overrides,
  };
}

describe('summaries', () => {
  it('name the decoded records without the device URN', () => {
    expect(recordsSummary(anUplink(), urn)).toBe('temperature 21.5 °C · batteryLevel 87%');
    expect(recordsSummary(anUplink({ decodings: [] }), urn)).toBe('—');
  });

  it('count deliveries by how they stand', () => {
    expect(deliveriesSummary(anUplink())).toBe('1 delivered');
    expect(deliveriesSummary(anUplink({ deliveries: [] }))).toBe('None');
  });
});

describe('UplinkHistory', () => {
  it('opens an uplink to its raw payload, decodings per flow and deliveries', async () => {
    stubFetch(() => ({ status: 200, body: { data: [anUplink()], links: { next: null, prev: null } } }));
    renderWithApp(
      <UplinkHistory
        deviceId={DEVICE}
        urn={urn}
        flowNames={new Map([[FLOW, 'My first flow']])}
        refreshMs={0}
      />,
    );
    expect(await screen.findByText('temperature 21.5 °C · batteryLevel 87%')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Show details of uplink received at/ }));
    expect(screen.getByRole('link', { name: 'My first flow' }).getAttribute('href')).toBe(`/flows/${FLOW}`);
    expect(screen.getByRole('link', { name: 'Probe inbox' })).toBeTruthy();
    expect(screen.getByText(/"temperature"/)).toBeTruthy();
  });
});
