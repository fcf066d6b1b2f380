import { useSearchParams } from 'react-router';

/**
 * The open tab of a detail page, kept in the URL (`?tab=log`) so a link or a reload opens it again; the
 * first tab has no parameter. Switching replaces the history entry: Back leaves the page.
 */
export function useTabParam<T extends string>(first: T) {
  const [params, setParams] = useSearchParams();
  return {
    /** The tab the URL names, when it is one of `available`; else the first. */
    current: (available: readonly T[]): T => {
      const requested = params.get('tab') as T | null;
      return requested && available.includes(requested) ? requested : first;
    },
    set: (next: string | null) => {
      const search = new URLSearchParams(params);
      if (!next || next === first) search.delete('tab');
      else search.set('tab', next);
      setParams(search, { replace: true });
    },
  };
}
