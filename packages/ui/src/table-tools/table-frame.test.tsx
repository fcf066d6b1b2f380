import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithUi } from '../testing/render.tsx';
import { CellHoverList } from './cell-hover-list.tsx';
import { ExportMenu } from './export-menu.tsx';
import { TableFrame } from './table-frame.tsx';

function Framed() {
  const [fullScreen, setFullScreen] = useState(false);
  return (
    <TableFrame label="Devices" fullScreen={fullScreen} onFullScreenChange={setFullScreen}>
      <table aria-label="Devices" />
    </TableFrame>
  );
}

describe('TableFrame', () => {
  it('takes the whole window and leaves it with Escape', () => {
    renderWithUi(<Framed />);
    const region = screen.getByRole('region', { name: 'Devices' });
    fireEvent.click(screen.getByRole('button', { name: 'Full screen' }));
    expect(region.hasAttribute('data-fullscreen')).toBe(true);
    expect(screen.getByRole('button', { name: 'Exit full screen' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(region.hasAttribute('data-fullscreen')).toBe(false);
  });

  it('leaves full screen with its button too', () => {
    renderWithUi(<Framed />);
    fireEvent.click(screen.getByRole('button', { name: 'Full screen' }));
    fireEvent.click(screen.getByRole('button', { name: 'Exit full screen' }));
    expect(screen.getByRole('region', { name: 'Devices' }).hasAttribute('data-fullscreen')).toBe(false);
  });
});

describe('ExportMenu', () => {
  it('offers plain download links of the current view', () => {
    renderWithUi(
      <ExportMenu
        formats={[
          { format: 'csv', href: '/api/devices/export?format=csv&status=ACTIVE' },
          { format: 'xlsx', href: '/api/devices/export?format=xlsx&status=ACTIVE' },
        ]}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    const csv = screen.getByRole('menuitem', { name: /^Export as CSV/ });
    expect(csv.getAttribute('href')).toBe('/api/devices/export?format=csv&status=ACTIVE');
    expect(csv.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('menuitem', { name: /^Export as Excel/ }).getAttribute('href')).toContain(
      'format=xlsx',
    );
  });
});

describe('CellHoverList', () => {
  it('names what the count stands for, and how many more there are', () => {
    renderWithUi(<CellHoverList count={12} items={['Fleet telemetry', 'Alarms']} title="Flows" />);
    expect(screen.getByLabelText('12 flows: Fleet telemetry, Alarms and 10 more').textContent).toBe('12');
  });

  it('is a plain number when there is nothing to name', () => {
    renderWithUi(<CellHoverList count={0} items={[]} title="Flows" />);
    expect(screen.getByText('0').getAttribute('tabindex')).toBeNull();
  });
});
