import { useState } from 'react';

/**
 * Keyset paging kept in the component (logs under a tab, not worth a URL): the cursor of the page on
 * screen and its number. Back on page 1 the cursor is dropped, so the newest rows show again.
 */
export function usePagedCursor() {
  const [state, setState] = useState<{ cursor: string | undefined; page: number }>({
    cursor: undefined,
    page: 1,
  });
  return {
    cursor: state.cursor,
    page: state.page,
    next: (cursor: string | undefined) => {
      if (cursor) setState((s) => ({ cursor, page: s.page + 1 }));
    },
    prev: (cursor: string | undefined) =>
      setState((s) =>
        s.page <= 2 || !cursor ? { cursor: undefined, page: 1 } : { cursor, page: s.page - 1 },
      ),
    reset: () => setState({ cursor: undefined, page: 1 }),
  };
}
