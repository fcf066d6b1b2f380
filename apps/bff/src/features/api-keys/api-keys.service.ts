import { type Actor, type ApiKey, type ApiKeyCreate, DomainError } from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { randomToken, sha256 } from '../auth/passwords.ts';
import * as repo from './api-keys.repo.ts';

function toApiKey(row: repo.ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    clientId: row.clientId,
    roles: row.roles,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/** `onRevoke` lets the auth service drop what it cached for the key's tokens. */
export function createApiKeysService({ db, now }: Deps, onRevoke: (apiKeyId: string) => void = () => {}) {
  return {
    async listApiKeys(actor: Actor, query: repo.ApiKeyListQuery) {
      const { page, total } = await repo.listApiKeys(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toApiKey) }, total };
    },

    async getApiKey(actor: Actor, id: string): Promise<ApiKey> {
      const row = await repo.findApiKey(db, actor.customerId, id);
      if (!row) throw new DomainError('resource.not_found', { detail: 'API key not found' });
      return toApiKey(row);
    },

    /** The secret is returned here once; only its SHA-256 is kept. */
    async createApiKey(actor: Actor, input: ApiKeyCreate) {
      const clientId = `ot_${randomToken(12)}`;
      const clientSecret = randomToken(32);
      const id = await db.transaction(async (tx) => {
        const keyId = await repo.insertApiKey(tx, {
          customerId: actor.customerId,
          name: input.name,
          description: input.description,
          clientId,
          secretHash: sha256(clientSecret),
          roles: [...new Set(input.roles)],
          createdBy: actor.kind === 'user' ? actor.id : null,
        });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'api_key.created',
          subjectType: 'api_key',
          subjectId: keyId,
          changes: { name: input.name, roles: input.roles },
        });
        return keyId;
      });
      return { id, clientId, clientSecret };
    },

    /** Idempotent: revoking a revoked key changes nothing; an unknown key is 404. */
    async revokeApiKey(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const revoked = await repo.revokeApiKey(tx, actor.customerId, id, now());
        if (!revoked) {
          if (!(await repo.findApiKey(tx, actor.customerId, id))) {
            throw new DomainError('resource.not_found', { detail: 'API key not found' });
          }
          return;
        }
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'api_key.revoked',
          subjectType: 'api_key',
          subjectId: id,
        });
      });
      onRevoke(id);
    },
  };
}
