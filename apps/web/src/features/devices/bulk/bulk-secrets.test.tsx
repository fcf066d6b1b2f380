import type { BulkReport } from '@openthings/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problem, renderWithApp, stubFetch } from '../../../testing/render.tsx';
import { BulkProgress } from './bulk-progress.tsx';

const ID = '5d3b1f0e-7a9c-4e2b-8d6f-1a3c5e7b9d0f';
const CSV =
  'row,name,deviceId,imei,sharedSecret\r\n2,Tracker A,0440d3dc-f9a6-49cb-ba83-14787887f08e,357292748642776,Xk4#pR7@mN2!qW9%zT6*vB3+hJ8=cF5?\r\n';

function aReport(generatedSecrets: BulkReport['generatedSecrets']): BulkReport {
  return {
    id: ID,
    fileName: 'trackers.csv',
    project: { id: 'f1d91165-41b3-4387-b01d-faa3f7207d71', name: 'Fleet demo' },
    flow: null,
    deviceType: { id: 'own-m2m', name: 'Own M2M device' },
    status: 'done',
    totalRows: 2,
    createdRows: 2,
    failedRows: 0,
    createdAt: '2026-03-02T10:00:00.000Z',
    startedAt: '2026-03-02T10:00:01.000Z',
    finishedAt: '2026-03-02T10:00:05.000Z',
    generatedSecrets,
  };
}
const available = {
  status: 'available' as const,
  devices: 2,
  expiresAt: '2026-03-02T11:00:05.000Z',
  downloadable: true,
};

describe('the generated secrets of a finished bulk run', () => {
  it('are offered once and saved as a CSV file, without being shown on the page', async () => {
    const fetchMock = stubFetch(({ init }) =>
      init.method === 'POST'
        ? { status: 200, body: CSV, contentType: 'text/csv; charset=utf-8' }
        : { status: 200, body: aReport({ ...available, status: 'downloaded', downloadable: false }) },
    );
    const objectUrl = vi.spyOn(URL, 'createObjectURL');
    renderWithApp(<BulkProgress report={aReport(available)} />);

    fireEvent.click(screen.getByRole('button', { name: 'Download generated secrets (shown once)' }));
    expect(await screen.findByText('Generated secrets downloaded')).toBeTruthy();
    expect(screen.getByText(/Saved as trackers-generated-secrets\.csv/)).toBeTruthy();
    expect(fetchMock.mock.calls[0]?.[0]).toBe(`/api/devices/bulk-reports/${ID}/secrets`);
    const saved = objectUrl.mock.calls[0]?.[0] as Blob;
    expect(await saved.text()).toBe(`\uFEFF${CSV}`);
    expect(screen.queryByText(/Xk4#pR7@/)).toBeNull();
  });

  it('says why when the server no longer has them', async () => {
    stubFetch(() =>
      problem(410, 'bulk.secrets_gone', 'The generated secrets of this run are no longer available'),
    );
    renderWithApp(<BulkProgress report={aReport(available)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Download generated secrets (shown once)' }));
    expect(await screen.findByText('The generated secrets of this run are no longer available')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('button', { name: /Download generated/ })).toBeTruthy());
  });

  it('tells others of the customer who can take them', () => {
    renderWithApp(<BulkProgress report={aReport({ ...available, downloadable: false })} />);
    expect(screen.queryByRole('button', { name: /Download generated secrets/ })).toBeNull();
    expect(screen.getByText(/Only whoever started this run can download them, once/)).toBeTruthy();
  });

  it('says they were deleted when nobody downloaded them in time', () => {
    renderWithApp(
      <BulkProgress
        report={aReport({ status: 'expired', devices: 2, expiresAt: null, downloadable: false })}
      />,
    );
    expect(screen.getByText(/were not downloaded within an hour of the run and were deleted/)).toBeTruthy();
  });
});
