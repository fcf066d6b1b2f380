import {
  type Actor,
  type ConnectionTest,
  type DeadLetterListQuery,
  type DeliveryAttemptListQuery,
  type Destination,
  type DestinationCreateSchema,
  type DestinationListQuery,
  type DestinationUpdate,
  DomainError,
  type HttpsConfig,
  HttpsConfigInputSchema,
  INBOX_SIZE,
  type MqttConfig,
  MqttConfigInputSchema,
  SECRET_ROTATION_OVERLAP_MS,
  urlTargetRefusal,
  whsecKey,
} from '@openthings/domain';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { fieldErrors } from '../../http/router.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { generateSharedSecret } from '../devices/secrets.ts';
import { requireFlow } from '../flows/flows.service.ts';
import { assertDestinationCapacity } from '../projects/projects.service.ts';
import * as repo from './destinations.repo.ts';

/** The read form: credentials never leave the server; the whsec_ key only when the secret was just set. */
export function toDestination(row: repo.DestinationRow, now: Date, secretJustSet?: string): Destination {
  const base = {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    inactiveReason: row.inactiveReason,
    failingSince: row.failingSince?.toISOString() ?? null,
    flowCount: row.flowCount,
    signing: {
      plugUuid: row.id,
      previousSecretUntil:
        row.previousSecretUntil && row.previousSecretUntil > now
          ? row.previousSecretUntil.toISOString()
          : null,
      whsecKey: secretJustSet ? whsecKey(secretJustSet) : null,
    },
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
  if (row.kind === 'HTTPS') {
    const c = row.config as unknown as HttpsConfig;
    const auth =
      c.auth.type === 'basic'
        ? { type: 'basic' as const, username: c.auth.username }
        : c.auth.type === 'apiKey'
          ? { type: 'apiKey' as const, header: c.auth.header }
          : { type: c.auth.type };
    return { ...base, kind: 'HTTPS', config: { url: c.url, method: c.method, headers: c.headers, auth } };
  }
  if (row.kind === 'MQTT') {
    const c = row.config as unknown as MqttConfig;
    return {
      ...base,
      kind: 'MQTT',
      config: { url: c.url, topic: c.topic, qos: c.qos, hasCredentials: c.username !== undefined },
    };
  }
  return { ...base, kind: 'TEST', config: null };
}

/**
 * Validates a merged config for its kind; problems are reported under `body.config`. A URL written with
 * an IP literal the deliveries may not reach (loopback and private ranges unless the operator allows
 * them) is refused now, not at its first delivery.
 */
function validConfig(kind: string, config: unknown, allowPrivate: boolean): Record<string, unknown> {
  if (kind === 'TEST') return {};
  const schema = kind === 'HTTPS' ? HttpsConfigInputSchema : MqttConfigInputSchema;
  const parsed = schema.safeParse(config);
  if (!parsed.success) throw new DomainError('request.invalid', {}, fieldErrors('body.config', parsed.error));
  const refusal = urlTargetRefusal(parsed.data.url, { allowPrivate });
  if (refusal)
    throw new DomainError(
      'destinations.target_not_allowed',
      { detail: refusal },
      { 'body.config.url': [refusal] },
    );
  return parsed.data as Record<string, unknown>;
}

/** Tries a destination without a real delivery (the pipeline's sender of its kind does it). */
export type TestConnection = (
  target: Pick<
    repo.DestinationRow,
    'kind' | 'config' | 'sharedSecret' | 'previousSharedSecret' | 'previousSecretUntil'
  > & {
    destinationId: string;
  },
  at: Date,
) => Promise<ConnectionTest>;

export function createDestinationsService({ db, now, env }: Deps, testConnection: TestConnection) {
  const allowPrivate = env.ALLOW_PRIVATE_DESTINATIONS;
  async function requireDestination(tx: Db | Tx, actor: Actor, id: string) {
    const row = await repo.findDestination(tx, actor.customerId, id);
    if (!row) throw new DomainError('resource.not_found', { detail: 'Destination not found' });
    return row;
  }
  const audit = (tx: Db | Tx, actor: Actor, action: string, id: string, changes?: Record<string, unknown>) =>
    recordChange(tx, actor, {
      customerId: actor.customerId,
      action,
      subjectType: 'destination',
      subjectId: id,
      ...(changes ? { changes } : {}),
    });

  return {
    async listDestinations(actor: Actor, query: DestinationListQuery) {
      const { page, total } = await repo.listDestinations(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map((r) => toDestination(r, now())) }, total };
    },

    async getDestination(actor: Actor, id: string) {
      return toDestination(await requireDestination(db, actor, id), now());
    },

    async createDestination(actor: Actor, input: z.output<typeof DestinationCreateSchema>) {
      const generated = input.sharedSecret ? undefined : generateSharedSecret();
      const sharedSecret = input.sharedSecret ?? generated!;
      const config = 'config' in input ? validConfig(input.kind, input.config, allowPrivate) : {};
      const id = await db.transaction(async (tx) => {
        const destinationId = await repo.insertDestination(tx, {
          customerId: actor.customerId,
          kind: input.kind,
          name: input.name,
          description: input.description,
          config,
          sharedSecret,
        });
        await audit(tx, actor, 'destination.created', destinationId, { kind: input.kind, name: input.name });
        return destinationId;
      });
      return {
        destination: toDestination(await requireDestination(db, actor, id), now(), sharedSecret),
        secrets: generated ? { sharedSecret: generated } : {},
      };
    },

    async updateDestination(actor: Actor, id: string, patch: DestinationUpdate) {
      return db.transaction(async (tx) => {
        const row = await requireDestination(tx, actor, id);
        if (patch.kind !== row.kind)
          throw new DomainError(
            'destinations.kind_immutable',
            {},
            { 'body.kind': [`This destination is ${row.kind}`] },
          );
        const at = now();
        const changes: Parameters<typeof repo.updateDestination>[3] = { modifiedAt: at };
        if (patch.name !== undefined) changes.name = patch.name;
        if (patch.description !== undefined) changes.description = patch.description;
        if (patch.sharedSecret !== undefined && patch.sharedSecret !== row.sharedSecret) {
          // The old secret keeps signing alongside the new one for a while, so receivers can switch.
          changes.sharedSecret = patch.sharedSecret;
          changes.previousSharedSecret = row.sharedSecret;
          changes.previousSecretUntil = new Date(at.getTime() + SECRET_ROTATION_OVERLAP_MS);
        }
        if ('config' in patch && patch.config) {
          const merged = { ...(row.config as Record<string, unknown>), ...patch.config };
          changes.config = validConfig(row.kind, merged, allowPrivate);
        }
        await repo.updateDestination(tx, actor.customerId, id, changes);
        await audit(tx, actor, 'destination.updated', id, {
          ...(patch.name ? { name: patch.name } : {}),
          ...(patch.sharedSecret ? { sharedSecret: 'rotated' } : {}),
          ...('config' in patch && patch.config ? { config: Object.keys(patch.config) } : {}),
        });
        return toDestination(
          (await repo.findDestination(tx, actor.customerId, id))!,
          now(),
          patch.sharedSecret,
        );
      });
    },

    async deleteDestination(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        if (!(await repo.deleteDestination(tx, actor.customerId, id)))
          throw new DomainError('resource.not_found', { detail: 'Destination not found' });
        await audit(tx, actor, 'destination.deleted', id);
      });
    },

    /** Resumes an Inactive destination: waiting deliveries go out again. */
    async activate(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        await requireDestination(tx, actor, id);
        await repo.updateDestination(tx, actor.customerId, id, {
          status: 'ACTIVE',
          inactiveReason: null,
          failingSince: null,
          modifiedAt: now(),
        });
        await audit(tx, actor, 'destination.activated', id);
        return toDestination((await repo.findDestination(tx, actor.customerId, id))!, now());
      });
    },

    async link(actor: Actor, flowId: string, destinationId: string) {
      await db.transaction(async (tx) => {
        const flow = await requireFlow(tx, actor.customerId, flowId);
        await requireDestination(tx, actor, destinationId);
        await assertDestinationCapacity(tx, actor.customerId, flow.projectId);
        if (await repo.linkToFlow(tx, actor.customerId, flowId, destinationId))
          await audit(tx, actor, 'destination.linked', destinationId, { flowId });
      });
    },

    async unlink(actor: Actor, flowId: string, destinationId: string) {
      await db.transaction(async (tx) => {
        await requireFlow(tx, actor.customerId, flowId);
        await requireDestination(tx, actor, destinationId);
        if (await repo.unlinkFromFlow(tx, actor.customerId, flowId, destinationId))
          await audit(tx, actor, 'destination.unlinked', destinationId, { flowId });
      });
    },

    async attempts(actor: Actor, id: string, query: DeliveryAttemptListQuery) {
      await requireDestination(db, actor, id);
      const { page, total } = await repo.listAttempts(db, id, query);
      return {
        page: {
          ...page,
          data: page.data.map((a) => ({
            id: a.id,
            deliveryId: a.deliveryId,
            at: a.at.toISOString(),
            requestHeaders: a.requestHeaders,
            status: a.status,
            latencyMs: a.latencyMs,
            response: a.response,
            error: a.error,
          })),
        },
        total,
      };
    },

    async deadLetters(actor: Actor, id: string, query: DeadLetterListQuery) {
      await requireDestination(db, actor, id);
      const { page, total } = await repo.listDeadLetters(db, id, query);
      return {
        page: {
          ...page,
          data: page.data.map((d) => ({
            id: d.id,
            uplinkId: d.uplinkId,
            deviceId: d.deviceId,
            flowId: d.flowId,
            attempts: d.attempts,
            lastStatus: d.lastStatus,
            lastError: d.lastError,
            createdAt: d.createdAt.toISOString(),
            deadAt: (d.finishedAt ?? d.createdAt).toISOString(),
          })),
        },
        total,
      };
    },

    async replayOne(actor: Actor, id: string, deliveryId: string) {
      return db.transaction(async (tx) => {
        await requireDestination(tx, actor, id);
        const replayed = await repo.replay(tx, id, { deliveryId }, now());
        if (replayed === 0)
          throw new DomainError('destinations.not_dead_letter', {
            detail: 'This delivery is not in the dead letters of this destination',
          });
        await audit(tx, actor, 'destination.replayed', id, { deliveryId });
        return { replayed };
      });
    },

    async replaySince(actor: Actor, id: string, since: Date) {
      return db.transaction(async (tx) => {
        await requireDestination(tx, actor, id);
        const replayed = await repo.replay(tx, id, { since }, now());
        await audit(tx, actor, 'destination.replayed', id, { since: since.toISOString(), replayed });
        return { replayed };
      });
    },

    /** Any status: trying an Inactive destination is how to know it can be activated again. */
    async testConnection(actor: Actor, id: string): Promise<ConnectionTest> {
      const { kind, config, sharedSecret, previousSharedSecret, previousSecretUntil } =
        await requireDestination(db, actor, id);
      const target = {
        destinationId: id,
        kind,
        config,
        sharedSecret,
        previousSharedSecret,
        previousSecretUntil,
      };
      return testConnection(target, now());
    },

    async inbox(actor: Actor, id: string) {
      const row = await requireDestination(db, actor, id);
      if (row.kind !== 'TEST') throw new DomainError('destinations.not_test_endpoint');
      const rows = await repo.inbox(db, id, INBOX_SIZE);
      return {
        data: rows.map((r) => ({
          id: r.id,
          receivedAt: r.receivedAt.toISOString(),
          headers: r.headers,
          body: r.body,
        })),
      };
    },
  };
}

export type DestinationsService = ReturnType<typeof createDestinationsService>;
