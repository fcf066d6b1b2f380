import { randomBytes } from 'node:crypto';
import {
  type Actor,
  DomainError,
  type LoraIntegration,
  type LoraIntegrationCreate,
  type LoraIntegrationCreated,
  type LoraIntegrationKind,
  loraWebhookPath,
} from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import * as repo from './lora-integrations.repo.ts';

export function toIntegration(row: repo.IntegrationRow, publicUrl: string | undefined): LoraIntegration {
  const webhookPath = loraWebhookPath(row.kind, row.id);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    webhookPath,
    webhookUrl: publicUrl ? `${publicUrl}${webhookPath}` : null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/**
 * ThingPark takes the AS key as 16 bytes in hex (its routing profile refuses anything else); ChirpStack
 * sends whatever header value it is given, so it gets 256 bits in base64url, safe in a header.
 */
export function newSecret(kind: LoraIntegrationKind): string {
  return kind === 'thingpark' ? randomBytes(16).toString('hex') : randomBytes(32).toString('base64url');
}

const notFound = () => new DomainError('resource.not_found', { detail: 'LoRa integration not found' });

/** `onDelete` lets the webhook connector drop what it cached for the integration. */
export function createLoraIntegrationsService(
  { db, now, env }: Deps,
  onDelete: (integrationId: string) => void = () => {},
) {
  return {
    async listIntegrations(actor: Actor): Promise<LoraIntegration[]> {
      return (await repo.listIntegrations(db, actor.customerId)).map((row) =>
        toIntegration(row, env.PUBLIC_URL),
      );
    },

    async getIntegration(actor: Actor, id: string): Promise<LoraIntegration> {
      const row = await repo.findIntegration(db, actor.customerId, id);
      if (!row) throw notFound();
      return toIntegration(row, env.PUBLIC_URL);
    },

    /** The secret is returned here once; it is kept (the token check needs it) but never shown again. */
    async createIntegration(actor: Actor, input: LoraIntegrationCreate): Promise<LoraIntegrationCreated> {
      const secret = newSecret(input.kind);
      const at = now();
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertIntegration(tx, {
          customerId: actor.customerId,
          kind: input.kind,
          name: input.name,
          secret,
          createdAt: at,
          modifiedAt: at,
        });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'lora_integration.created',
          subjectType: 'lora_integration',
          subjectId: created.id,
          changes: { kind: input.kind, name: input.name },
        });
        return created;
      });
      return { ...toIntegration(row, env.PUBLIC_URL), secret };
    },

    async deleteIntegration(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteIntegration(tx, actor.customerId, id))) throw notFound();
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'lora_integration.deleted',
          subjectType: 'lora_integration',
          subjectId: id,
        });
      });
      onDelete(id);
    },
  };
}

export type LoraIntegrationsService = ReturnType<typeof createLoraIntegrationsService>;
