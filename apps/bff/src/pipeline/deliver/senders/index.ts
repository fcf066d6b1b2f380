import type { DestinationKind } from '@openthings/domain';
import type { Db } from '../../../db/client.ts';
import { createHttpSender } from './http.ts';
import { createInboxSender } from './inbox.ts';
import { createMqttSender } from './mqtt.ts';
import type { ConnectionTest, Sender, Target } from './sender.ts';

export type { ConnectionTest, Outgoing, Sender, SendResult, Target } from './sender.ts';

interface SenderDeps {
  db: Db;
  /** Whether outbound senders may reach private ranges (they never reach metadata or link-local). */
  allowPrivate: boolean;
}

/** How each destination kind's sender is made: a new kind is one file and one line here. */
const makers: Record<DestinationKind, (deps: SenderDeps) => Sender> = {
  HTTPS: ({ allowPrivate }) => createHttpSender({ allowPrivate }),
  MQTT: ({ allowPrivate }) => createMqttSender({ allowPrivate }),
  TEST: ({ db }) => createInboxSender(db),
};

/** One sender per destination kind, as a deliverer uses them. */
export function createSenders(deps: SenderDeps): Record<DestinationKind, Sender> {
  return { HTTPS: makers.HTTPS(deps), MQTT: makers.MQTT(deps), TEST: makers.TEST(deps) };
}

/**
 * "Test connection" (the portal's button, `POST /api/destinations/{id}/test-connection`): a sender of
 * the destination's kind made for the test and closed after it, so the test never reuses a connection
 * made with older settings.
 */
export async function testDestination(deps: SenderDeps, target: Target, at: Date): Promise<ConnectionTest> {
  const sender = makers[target.kind](deps);
  try {
    return await sender.testConnection(target, at);
  } finally {
    await sender.close();
  }
}
