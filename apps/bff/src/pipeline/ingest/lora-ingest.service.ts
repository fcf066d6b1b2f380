import {
  constantTimeEqual,
  DomainError,
  fromChirpStackUp,
  fromThingParkUplink,
  type LnsResult,
  type LoraIntegrationKind,
  loraIntegrationKindLabels,
  loraWebhookPath,
  verifyThingParkToken,
} from '@openthings/domain';
import * as repo from '../../features/lora-integrations/lora-integrations.repo.ts';
import type { Deps } from '../../http/types.ts';
import type { StoredLoraMetadata } from '../decode/decoders.ts';
import type { IngestService } from './ingest.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CACHE_MS = 5_000;
const CACHE_MAX = 100_000;

const unauthenticated = (detail: string) => new DomainError('lora.unauthenticated', { detail });
const badUplink = (detail: string) => new DomainError('lora.bad_uplink', { detail });

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;

/** A join request reaches ThingPark application servers as a DevEUI_uplink of MType 0 without data. */
function isJoinRequest(up: Json): boolean {
  return up.rawJoinRequest !== undefined || String(up.MType) === '0';
}

/** Reads a few rows per uplink at most; the answers are kept briefly, as the ingest service does. */
function ttlCache<V>() {
  const entries = new Map<string, { value: V; until: number }>();
  return {
    /** The cached value, or a loaded one; `fresh` loads whatever is cached. */
    async get(key: string, load: () => Promise<V>, fresh = false): Promise<V> {
      const hit = entries.get(key);
      const at = Date.now();
      if (!fresh && hit && hit.until > at) return hit.value;
      const value = await load();
      if (entries.size > CACHE_MAX) entries.clear();
      entries.set(key, { value, until: at + CACHE_MS });
      return value;
    },
    delete: (key: string) => entries.delete(key),
    clear: () => entries.clear(),
  };
}

/**
 * LoRa network-server webhooks (PRODUCT §6): finds the integration, authenticates the network server,
 * normalises its message and accepts the uplink through the ingest service for a device of the
 * integration's own customer only.
 */
export function createLoraIngestService({ db, now, logger }: Deps, ingest: IngestService) {
  const integrations = ttlCache<repo.IntegrationRow | undefined>();
  const devices = ttlCache<repo.LoraDevice | undefined>();

  async function activate(device: repo.LoraDevice): Promise<void> {
    try {
      await db.transaction((tx) => repo.markLoraActive(tx, device, now()));
      device.active = true;
    } catch (error) {
      // The uplink is already stored: failing now would make the network server send it again.
      logger.warn({ err: error, deviceId: device.deviceId }, 'could not mark the LoRa device active');
    }
  }

  return {
    /** Counts a network-server message refused (once, however far it got). */
    refused(kind: LoraIntegrationKind, error: unknown): void {
      ingest.refused(`lora-${kind}`, error);
    },

    /** The integration behind a webhook path, or 404: unknown ids and another kind's path alike. */
    async findIntegration(kind: LoraIntegrationKind, id: string): Promise<repo.IntegrationRow> {
      const row = UUID.test(id)
        ? await integrations.get(id.toLowerCase(), () => repo.findIntegrationById(db, id))
        : undefined;
      if (!row) throw new DomainError('lora.unknown_integration', { detail: `No LoRa integration ${id}` });
      if (row.kind !== kind) {
        throw new DomainError('lora.unknown_integration', {
          detail: `This is a ${loraIntegrationKindLabels[row.kind]} integration: post to ${loraWebhookPath(row.kind, row.id)}`,
        });
      }
      return row;
    },

    /** `Authorization: Bearer <secret>`; the comparison takes the same time whatever matched. */
    checkBearer(integration: repo.IntegrationRow, authorization: string | undefined): void {
      if (authorization === undefined) {
        throw unauthenticated('Send the integration secret in the header Authorization: Bearer <secret>');
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw unauthenticated('The Authorization header must be Bearer <secret>');
      if (!constantTimeEqual(match[1]!, integration.secret))
        throw unauthenticated('The bearer secret does not match the integration');
    },

    /** ThingPark's tunnel token: recent `Time`, SHA-256 over the body elements, query and AS key. */
    async checkThingParkToken(
      integration: repo.IntegrationRow,
      query: Record<string, string>,
      body: unknown,
    ): Promise<void> {
      const check = await verifyThingParkToken(query, body, integration.secret, now().getTime() / 1000);
      if (!check.ok) throw unauthenticated(check.reason);
    },

    /**
     * Stores an uplink from an authenticated network server; `null` for ThingPark messages that are
     * not application uplinks (join requests, downlink and location reports), which are not stored.
     * A message posted again (a network server's retry, or a replay) is stored once: `duplicate`, with
     * the first one's id.
     */
    async receive(
      integration: repo.IntegrationRow,
      body: unknown,
    ): Promise<{ id: string; duplicate: boolean } | null> {
      const root = obj(body);
      if (!root) throw badUplink('The body must be a JSON object');
      const options = { now: now().getTime() / 1000 };
      let result: LnsResult;
      let dedupKey: string | undefined;
      if (integration.kind === 'thingpark') {
        const up = obj(root.DevEUI_uplink);
        if (!up) {
          if (Object.keys(root).some((k) => k.startsWith('DevEUI_') && k !== 'DevEUI_uplink')) return null;
          throw badUplink('Expected a ThingPark message: { "DevEUI_uplink": { … } }');
        }
        if (isJoinRequest(up)) return null;
        result = fromThingParkUplink(body, options);
        // ThingPark has no message id: the frame counter and the network's time of the frame say which.
        if (up.FCntUp !== undefined && typeof up.Time === 'string') dedupKey = `fcnt:${up.FCntUp}@${up.Time}`;
      } else {
        result = fromChirpStackUp(body, options);
        if (typeof root.deduplicationId === 'string') dedupKey = `chirpstack:${root.deduplicationId}`;
      }
      if (!result.ok) throw badUplink(result.error);
      const { payload, ...lora } = result.uplink;

      const deviceKey = `${integration.customerId}:${lora.devEui}`;
      const findDevice = () => repo.findLoraDevice(db, integration.customerId, lora.devEui);
      // A device registered a moment ago may be cached as unknown: it is read again before a 404.
      const device =
        (await devices.get(deviceKey, findDevice)) ?? (await devices.get(deviceKey, findDevice, true));
      if (!device) {
        throw new DomainError('lora.unknown_device', {
          detail: `No LoRa device with DevEUI ${lora.devEui} is registered in this integration's account`,
        });
      }
      const metadata: StoredLoraMetadata = { lora };
      const { id, duplicate } = await ingest.accept({
        connector: `lora-${integration.kind}`,
        format: 'lora',
        networkType: 'LORA',
        identifier: lora.devEui,
        payload,
        contentType: 'application/octet-stream',
        metadata: metadata as unknown as Record<string, unknown>,
        ...(dedupKey ? { dedupKey } : {}),
      });
      if (!device.active) await activate(device);
      return { id, duplicate };
    },

    /** Forgets cached lookups: a deleted integration stops at once in this process. */
    forget(integrationId?: string): void {
      if (integrationId) integrations.delete(integrationId.toLowerCase());
      else integrations.clear();
      devices.clear();
    },
  };
}

export type LoraIngestService = ReturnType<typeof createLoraIngestService>;
