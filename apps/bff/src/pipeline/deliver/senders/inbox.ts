import type { Db } from '../../../db/client.ts';
import * as repo from '../deliver.repo.ts';
import { serialiseSigned } from './http.ts';
import { httpVerdict, type Sender } from './sender.ts';

/**
 * Test endpoints (PRODUCT §6): the portal's built-in inbox receives exactly what an HTTPS endpoint
 * would — the signed headers and the body — without leaving the platform; a batch is one insert.
 */
export function createInboxSender(db: Db): Sender {
  return {
    kind: 'TEST',
    serialise: serialiseSigned,
    async sendBatch(batch) {
      const [first] = batch;
      if (!first) return [];
      await repo.addToInbox(
        db,
        first.d.destinationId,
        batch.map(({ d, headers, at }) => ({ receivedAt: at, headers, body: d.body })),
      );
      return batch.map(() => ({ outcome: { kind: 'response', status: 204 }, latencyMs: 0, response: null }));
    },
    verdict: httpVerdict,
    async testConnection() {
      return {
        ok: true,
        status: 204,
        latencyMs: 0,
        message: 'The inbox is ready: it shows the last requests.',
      };
    },
    close: async () => {},
  };
}
