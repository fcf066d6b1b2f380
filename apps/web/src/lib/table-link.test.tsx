import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithApp } from '../testing/render.tsx';
import { TableLink, useTableLinkNavigation } from './table-link.tsx';

function Where() {
  return <p data-testid="where">{useLocation().pathname}</p>;
}

function List() {
  useTableLinkNavigation();
  return (
    <>
      <TableLink to="/devices/d1" className="ot-cell-name">
        Boiler room
      </TableLink>
      <Where />
    </>
  );
}

function renderList() {
  return renderWithApp(
    <Routes>
      <Route path="/devices" element={<List />} />
      <Route path="/devices/:id" element={<Where />} />
    </Routes>,
    { path: '/devices' },
  );
}

describe('TableLink', () => {
  it('is a real link to the address', () => {
    renderList();
    const link = screen.getByRole('link', { name: 'Boiler room' });
    expect(link.getAttribute('href')).toBe('/devices/d1');
    expect(link.className).toBe('ot-cell-name');
  });

  it('opens the page inside the app on a plain click', () => {
    renderList();
    fireEvent.click(screen.getByRole('link', { name: 'Boiler room' }));
    expect(screen.getByTestId('where').textContent).toBe('/devices/d1');
  });

  it('leaves a click with a modifier key (new tab or window) to the browser', () => {
    renderList();
    const link = screen.getByRole('link', { name: 'Boiler room' });
    for (const modifier of ['ctrlKey', 'metaKey', 'shiftKey'] as const) {
      const notPrevented = fireEvent.click(link, { [modifier]: true });
      expect(notPrevented).toBe(true);
      expect(screen.getByTestId('where').textContent).toBe('/devices');
    }
  });

  it('leaves a middle click to the browser', () => {
    renderList();
    fireEvent.click(screen.getByRole('link', { name: 'Boiler room' }), { button: 1 });
    expect(screen.getByTestId('where').textContent).toBe('/devices');
  });
});
