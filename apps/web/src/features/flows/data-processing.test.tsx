import type { DataProcessing as DataProcessingData } from '@openthings/domain';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApp, stubFetch } from '../../testing/render.tsx';
import { DataProcessing } from './data-processing.tsx';

const FLOW = 'ad389586-1842-4d70-948d-8976f2eb3d34';
const DECODER = '3bba7d63-f98e-47e7-a836-92ad6ca26c2f';

function processing(enabled: boolean): DataProcessingData {
  return {
    data: [
      {
        deviceType: { id: 'elsys-ers', name: 'Elsys ERS' },
        deviceCount: 3,
        decoders: [
          {
            id: DECODER,
            name: 'Elsys ERS',
            version: 3,
            description: 'Decodes the Elsys payload.',
            inputKind: 'lora',
            expectedRecords: [{ name: 'temperature', type: 'number', unit: 'Cel' }],
            enabled,
            isDefault: true,
          },
        ],
      },
    ],
  };
}

describe('DataProcessing', () => {
  it('shows each device type with its decoders, records and switches', async () => {
    stubFetch(() => ({ status: 200, body: processing(true) }));
    renderWithApp(<DataProcessing flowId={FLOW} canWrite />);
    expect(await screen.findByRole('region', { name: 'Elsys ERS' })).toBeTruthy();
    expect(screen.getByText('Decodes the Elsys payload.')).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Records of Elsys ERS' }).textContent).toContain('temperature');
    expect(screen.getByRole('switch', { name: 'Elsys ERS for Elsys ERS' })).toHaveProperty('checked', true);
  });

  it('switches a decoder off for the device type, and warns that nothing decodes it then', async () => {
    const fetchMock = stubFetch(({ init }) => ({
      status: 200,
      body: init.method === 'PUT' ? processing(false) : processing(true),
    }));
    renderWithApp(<DataProcessing flowId={FLOW} canWrite />);
    fireEvent.click(await screen.findByRole('switch', { name: 'Elsys ERS for Elsys ERS' }));
    expect(await screen.findByText(/No decoder is on/)).toBeTruthy();
    const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
    expect(String(put?.[0])).toBe(`/api/device-groups/${FLOW}/decoders/elsys-ers/${DECODER}`);
    expect(JSON.parse(String(put?.[1]?.body))).toEqual({ enabled: false });
  });

  it('shows the switches disabled to those who may not change flows', async () => {
    stubFetch(() => ({ status: 200, body: processing(true) }));
    renderWithApp(<DataProcessing flowId={FLOW} canWrite={false} />);
    await waitFor(() =>
      expect(screen.getByRole('switch', { name: 'Elsys ERS for Elsys ERS' })).toHaveProperty(
        'disabled',
        true,
      ),
    );
  });
});
