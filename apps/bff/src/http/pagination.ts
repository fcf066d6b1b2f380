import type { Page } from '@openthings/domain';
import type { Context } from 'hono';
import type { KeysetPage } from '../db/pagination.ts';

/** Turns a keyset page into the API's page: links are the current URL with the cursor replaced. */
export function toPage<Row>(c: Context, page: KeysetPage<Row>, total?: number): Page<Row> {
  const url = new URL(c.req.url);
  const link = (cursor: string | null) => {
    if (cursor === null) return null;
    const params = new URLSearchParams(url.search);
    params.set('cursor', cursor);
    params.delete('includeTotal');
    return `${url.pathname}?${params.toString()}`;
  };
  return {
    data: page.data,
    links: { next: link(page.next), prev: link(page.prev) },
    ...(total !== undefined && { meta: { total } }),
  };
}
