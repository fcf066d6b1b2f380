import { type ReactNode, useEffect } from 'react';
import { useNavigate } from 'react-router';

const ATTRIBUTE = 'data-table-link';

/**
 * A link in a row of a big table (a device's name): a plain `<a href>`, so middle-click, Ctrl/Cmd-click
 * and "open in new tab" work, without a router `Link` per row — each of those subscribes to the
 * location and re-renders on every navigation and filter change. A plain click is taken over by
 * `useTableLinkNavigation`, once for the whole page, and stays inside the app.
 */
export function TableLink({
  to,
  className,
  children,
}: {
  to: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a href={to} className={className} {...{ [ATTRIBUTE]: '' }}>
      {children}
    </a>
  );
}

/** Navigates inside the app on a plain left click on a `TableLink` (no modifier keys, same origin). */
export function useTableLinkNavigation(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = (event.target as Element | null)?.closest?.(`a[${ATTRIBUTE}]`);
      if (!(link instanceof HTMLAnchorElement) || link.target || link.origin !== window.location.origin)
        return;
      event.preventDefault();
      navigate(`${link.pathname}${link.search}${link.hash}`);
    };
    document.addEventListener('click', onClick);
    return () => document.removeEventListener('click', onClick);
  }, [navigate]);
}
