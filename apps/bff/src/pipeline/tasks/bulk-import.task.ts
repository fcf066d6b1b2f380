import { processBulkRows } from '../../features/devices/bulk-import.service.ts';
import type { Deps } from '../../http/types.ts';

/** Creates the pending rows of bulk CSV runs, one row per transaction, until none is left. */
export async function bulkImport(deps: Deps): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await processBulkRows(deps, 50);
    done += n;
    if (n === 0) return done;
  }
}
