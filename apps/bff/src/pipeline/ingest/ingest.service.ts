import { timingSafeEqual } from 'node:crypto';
import {
  checkDevicePack,
  DomainError,
  deviceUrn,
  jsonProblem,
  type NetworkType,
  SenmlError,
} from '@openthings/domain';
import { uuidv7 } from '../../db/ids.ts';
import { sha256Bytes } from '../../features/auth/passwords.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './ingest.repo.ts';

export interface IncomingUplink {
  connector: string;
  /** `senml`: a pack from an HTTP or MQTT device, checked before it is accepted; `lora`: payload bytes. */
  format: 'senml' | 'lora';
  networkType: NetworkType;
  identifier: string;
  payload: Uint8Array;
  contentType: string | null;
  metadata?: Record<string, unknown>;
  /** The device's `Things-Message-Token`, when the connector authenticates with the shared secret. */
  token?: string;
  /** Identifies the message upstream (a network server's retry or replay of it is stored once). */
  dedupKey?: string;
}

export interface Accepted {
  id: string;
  deviceId: string;
  /** The same message (dedup key) was stored before: `id` is that uplink's. */
  duplicate: boolean;
}

interface DeviceAuth {
  deviceId: string;
  customerId: string;
  sharedSecret: string | null;
}

/** Connectors notify this channel after committing uplinks; workers listen. */
export const UPLINKS_CHANNEL = 'openthings_uplinks';

const DEVICE_CACHE_MS = 5_000;
/** Connector metadata (a network server's radio data, an MQTT topic) is small and flat. */
const METADATA_LIMITS = { maxDepth: 12, maxNodes: 5_000 };
const GROUP_WINDOW_MS = 2;
const GROUP_MAX = 500;

/**
 * Refuses what could not be stored (PRODUCT §6: bad input gets a 4xx and is never half-written): a SenML
 * pack that does not resolve, names another device or carries values the database cannot hold, and
 * connector metadata that is too deep, too large or not storable text. An uplink that passes can always be
 * written and decoded, so it can never stop a batch.
 */
function checkContent(input: IncomingUplink, at: Date): void {
  if (input.format === 'senml') {
    try {
      checkDevicePack(input.payload, {
        urn: deviceUrn(input.networkType, input.identifier),
        now: at.getTime() / 1000,
      });
    } catch (error) {
      if (!(error instanceof SenmlError)) throw error;
      throw new DomainError(
        'ingest.bad_senml',
        { detail: error.message, ...(error.record === undefined ? {} : { record: error.record }) },
        { [error.record === undefined ? 'body' : `body.${error.record}`]: [error.message] },
      );
    }
  }
  const problem = input.metadata ? jsonProblem(input.metadata, METADATA_LIMITS) : null;
  if (problem)
    throw new DomainError('ingest.bad_metadata', {
      detail: `The message's metadata ${problem.replace(/^\$\.?/, '')}`,
    });
}

/**
 * Accepts uplinks durably: each is authenticated, then waits a few milliseconds for others so that
 * one multi-row insert commits a whole group (group commit) before any of them is answered. Whether
 * the device is deactivated is decided by the worker on fresh data (its uplink is then kept as
 * `ignored`), so a cached lookup here never lets a deactivated device's data through.
 */
export function createIngestService({ db, now, logger }: Deps, wake: () => void = () => {}) {
  const devices = new Map<string, { auth: DeviceAuth | undefined; until: number }>();
  let pending: { row: repo.UplinkInsert; done: (error: unknown, storedId?: string) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;

  /** The device behind an identifier, and whether the answer came from the cache. */
  async function lookup(
    networkType: string,
    identifier: string,
    fresh = false,
  ): Promise<{ auth: DeviceAuth | undefined; cached: boolean }> {
    const key = `${networkType}:${identifier}`;
    const hit = devices.get(key);
    const at = Date.now();
    if (!fresh && hit && hit.until > at) return { auth: hit.auth, cached: true };
    const auth = await repo.findDeviceByIdentifier(db, networkType, identifier);
    if (devices.size > 100_000) devices.clear();
    devices.set(key, { auth, until: at + DEVICE_CACHE_MS });
    return { auth, cached: false };
  }

  /** Why this device may not send this uplink, or null. */
  function refusal(device: DeviceAuth | undefined, input: IncomingUplink): DomainError | null {
    if (!device)
      return new DomainError('ingest.unknown_device', {
        detail: `No device with this ${input.networkType === 'M2M' ? 'IMEI' : 'identifier'} is registered`,
      });
    if (input.token === undefined) return null;
    if (!device.sharedSecret)
      return new DomainError('ingest.bad_token', { detail: 'This device has no shared secret' });
    const expected = sha256Bytes(input.payload, device.sharedSecret);
    const given = Buffer.from(input.token.trim().toLowerCase(), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return new DomainError('ingest.bad_token', {
        detail: 'Things-Message-Token does not match the body and the shared secret',
      });
    }
    return null;
  }

  /**
   * Stores a group in one transaction. Should that fail, each uplink is stored on its own, so one that
   * cannot be written fails alone and never the other devices' (or customers') uplinks of its group.
   */
  async function insertGroup(
    rows: repo.UplinkInsert[],
  ): Promise<{ stored: Set<string>; failed: Map<string, unknown> }> {
    const failed = new Map<string, unknown>();
    try {
      return { stored: await db.transaction((tx) => repo.insertUplinks(tx, rows)), failed };
    } catch (error) {
      if (rows.length === 1) return { stored: new Set(), failed: new Map([[rows[0]!.id!, error]]) };
      logger.warn({ err: error, uplinks: rows.length }, 'uplink group insert failed; storing one by one');
    }
    const stored = new Set<string>();
    for (const row of rows) {
      try {
        for (const id of await db.transaction((tx) => repo.insertUplinks(tx, [row]))) stored.add(id);
      } catch (error) {
        failed.set(row.id!, error);
      }
    }
    return { stored, failed };
  }

  async function flush(): Promise<void> {
    timer = undefined;
    const group = pending;
    pending = [];
    if (group.length === 0) return;
    try {
      const { stored, failed } = await insertGroup(group.map((g) => g.row));
      // Left out: a message stored before under its dedup key; answer with that uplink's id.
      const repeats = group.filter((g) => !stored.has(g.row.id!) && !failed.has(g.row.id!));
      const earlier = repeats.length
        ? await repo.findByDedupKeys(
            db,
            repeats.map((g) => ({ deviceId: g.row.deviceId, dedupKey: g.row.dedupKey! })),
          )
        : new Map<string, string>();
      for (const g of group) {
        const error = failed.get(g.row.id!);
        if (error) logger.error({ err: error, deviceId: g.row.deviceId }, 'uplink could not be stored');
        g.done(error, stored.has(g.row.id!) ? g.row.id : earlier.get(`${g.row.deviceId} ${g.row.dedupKey}`));
      }
      if (stored.size > 0) wake();
    } catch (error) {
      logger.error({ err: error, uplinks: group.length }, 'uplink group insert failed');
      for (const g of group) g.done(error);
    }
  }

  /** Resolves with the id the uplink is stored under: its own, or that of the earlier same message. */
  function enqueue(row: repo.UplinkInsert): Promise<string> {
    return new Promise((resolve, reject) => {
      pending.push({
        row,
        done: (error, storedId) =>
          error || !storedId ? reject(error ?? new Error('The uplink was not stored')) : resolve(storedId),
      });
      if (pending.length >= GROUP_MAX) void flush();
      else timer ??= setTimeout(() => void flush(), GROUP_WINDOW_MS);
    });
  }

  return {
    /** Authenticates and stores an uplink; resolves once it is committed. */
    async accept(input: IncomingUplink): Promise<Accepted> {
      let { auth: device, cached } = await lookup(input.networkType, input.identifier);
      let problem = refusal(device, input);
      // A refusal is never made on cached data alone: a device just registered, or whose secret was
      // just changed (in any process), is read again before it is turned away.
      if (problem && cached) {
        device = (await lookup(input.networkType, input.identifier, true)).auth;
        problem = refusal(device, input);
      }
      if (problem || !device) throw problem;
      const at = now();
      checkContent(input, at);
      const id = uuidv7(at.getTime());
      const storedId = await enqueue({
        id,
        customerId: device.customerId,
        deviceId: device.deviceId,
        connector: input.connector,
        receivedAt: at,
        contentType: input.contentType,
        payload: input.payload,
        metadata: input.metadata ?? {},
        state: 'accepted',
        dedupKey: input.dedupKey ?? null,
      });
      return { id: storedId, deviceId: device.deviceId, duplicate: storedId !== id };
    },

    /** Forgets cached device lookups (after a device or its secret changed in this process). */
    forget(): void {
      devices.clear();
    },

    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      await flush();
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
