import { timingSafeEqual } from 'node:crypto';
import {
  checkDevicePack,
  DomainError,
  deviceUrn,
  jsonProblem,
  type NetworkType,
  SenmlError,
} from '@openthings/domain';
import { groupCommit, type ItemResult } from '../../db/group-commit.ts';
import { uuidv7 } from '../../db/ids.ts';
import { sha256Bytes } from '../../features/auth/passwords.ts';
import type { Deps } from '../../http/types.ts';
import type { Activity } from '../decode/activity.ts';
import { type DeviceContexts, deviceContexts, type UplinkInput } from '../decode/decode.repo.ts';
import { type DeliveryRow, planUplink, type UplinkPlan } from '../decode/plan.ts';
import { countDecodings, failedPlan } from '../decode/store.ts';
import { type Deliverer, LEASE_MS } from '../deliver/deliverer.ts';
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
/** Uplinks in one group commit at most. */
const GROUP_MAX = 500;
/**
 * Group transactions in flight at once. Two let PostgreSQL write one group while this process reads and
 * checks the next (bench:pipeline, server + 1 worker, quiet 2-core machine: 883 uplinks/s with one,
 * 939/s with two). Groups hand on in the order they began, so one device's deliveries still reach the
 * deliverer in the order its uplinks arrived, whichever group commits first.
 */
export const GROUP_CONCURRENCY = 2;
/** Connector metadata (a network server's radio data, an MQTT topic) is small and flat. */
const METADATA_LIMITS = { maxDepth: 12, maxNodes: 5_000 };

/**
 * Refuses what could not be stored (PRODUCT §6: bad input gets a 4xx and is never half-written): a SenML
 * pack that does not resolve, names another device or carries values the database cannot hold, and
 * connector metadata that is too deep, too large or not storable text. An uplink that passes can always be
 * written and decoded, so it can never stop a batch.
 */
function checkContent(input: IncomingUplink, at: Date): UplinkInput['resolved'] {
  let resolved: UplinkInput['resolved'];
  if (input.format === 'senml') {
    try {
      const urn = deviceUrn(input.networkType, input.identifier);
      resolved = { urn, records: checkDevicePack(input.payload, { urn, now: at.getTime() / 1000 }) };
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
  return resolved;
}

/** What ingest hands on after a commit: the twin's coalescer and, when this process sends, the deliverer. */
export interface IngestOptions {
  activity: Activity;
  /** Sends the new deliveries of a commit from memory; without it they wait for a worker's claim. */
  deliverer?: Deliverer;
  /** Tells workers there is work in the tables (deliveries this process does not send itself). */
  wake?: () => void;
}

/** An uplink row to insert, with the pack as the ingest check resolved it (in memory, for the decoder). */
type IngestRow = repo.UplinkInsert & Pick<UplinkInput, 'resolved'>;

interface Stored {
  /** Ids of the uplinks inserted (a message seen before under its dedup key is left out). */
  ids: Set<string>;
  plans: UplinkPlan[];
  context: DeviceContexts;
  /** Deliveries leased to this process's deliverer, to send once committed. */
  leased: DeliveryRow[];
}

/**
 * Accepts uplinks durably and decodes them in the statement that stores them. Each uplink is
 * authenticated, checked, and joins a group commit: one query reads the devices' flows, decoders and
 * destinations fresh, every uplink is decoded in memory (microseconds each), and one statement inserts
 * the uplinks with their outcome, their decodings and their deliveries for the whole group, before any
 * of them is answered — two round trips per group. After the commit the deliveries go to this
 * process's deliverer from memory (leased, so no worker claims them meanwhile), and the twin and last
 * message times to the activity coalescer. The tables stay the durable log: a crash loses nothing, as
 * every undelivered row is claimed again once its lease runs out.
 */
export function createIngestService({ db, now, logger, metrics }: Deps, options: IngestOptions) {
  const { activity, deliverer, wake = () => {} } = options;
  const devices = new Map<string, { auth: DeviceAuth | undefined; until: number }>();

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
   * Decodes rows and stores them with what decoding made of them, in one statement; the deliveries to
   * send are leased. With `refused`, the rows are stored as failed with the database's reason and
   * nothing decoded.
   */
  async function storeRows(rows: IngestRow[], send: boolean, refused?: unknown): Promise<Stored> {
    const context = await deviceContexts(db, [...new Set(rows.map((r) => r.deviceId))]);
    const at = now();
    const plans = rows.map((row) => {
      const plan = planUplink(row as IngestRow & UplinkInput, context, at);
      return refused === undefined ? plan : failedPlan(plan, refused);
    });
    // Deliveries this process sends from memory are stored leased, so no worker claims them meanwhile.
    const active = new Set(
      context.destinations.filter((d) => d.status === 'ACTIVE').map((d) => d.destinationId),
    );
    const sending: DeliveryRow[] = [];
    if (send) {
      const until = new Date(at.getTime() + LEASE_MS);
      for (const d of plans.flatMap((p) => p.deliveries)) {
        if (!active.has(d.destinationId)) continue;
        d.nextAttemptAt = until;
        sending.push(d);
      }
    }
    const ids = await repo.insertDecodedUplinks(db, {
      uplinks: rows.map((row, i) => {
        const { resolved: _resolved, ...uplink } = row;
        const { state, error } = plans[i]!.outcome;
        return { ...uplink, state, error, processedAt: at };
      }),
      decodings: plans.flatMap((p) => p.decodings),
      deliveries: plans.flatMap((p) => p.deliveries),
    });
    return {
      ids,
      plans: plans.filter((p) => ids.has(p.outcome.id)),
      context,
      leased: sending.filter((d) => ids.has(d.uplinkId)),
    };
  }

  /** The previous group's hand-on: groups may commit out of order, they hand on in the order they began. */
  let handedOn: Promise<void> = Promise.resolve();

  /**
   * Stores a group in one statement. Should that fail, each uplink is stored on its own, so one that
   * cannot be written fails alone and never the other devices' (or customers') uplinks of its group; an
   * uplink whose decoded data the database refuses is stored as failed with the reason (shown in its
   * history), and only one that cannot be stored at all is refused to its sender.
   */
  async function storeGroup(rows: IngestRow[]): Promise<ItemResult<string>[]> {
    const before = handedOn;
    let done = () => {};
    handedOn = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      return await storeGroupInOrder(rows, before);
    } finally {
      done();
    }
  }

  async function storeGroupInOrder(rows: IngestRow[], before: Promise<void>): Promise<ItemResult<string>[]> {
    const send = deliverer?.accepting(rows.length) ?? false;
    const stored: Stored[] = [];
    const failed = new Map<string, unknown>();
    try {
      stored.push(await storeRows(rows, send));
    } catch (error) {
      if (rows.length > 1)
        logger.warn({ err: error, uplinks: rows.length }, 'uplink group failed; storing one by one');
      for (const row of rows) {
        try {
          stored.push(await storeRows([row], send));
        } catch (decoded) {
          try {
            stored.push(await storeRows([row], send, decoded));
            logger.warn(
              { err: decoded, uplinkId: row.id },
              'uplink failed: its decoded data could not be stored',
            );
          } catch (one) {
            logger.error({ err: one, deviceId: row.deviceId }, 'uplink could not be stored');
            failed.set(row.id!, one);
          }
        }
      }
    }
    const ids = new Set(stored.flatMap((s) => [...s.ids]));
    // One device's deliveries reach the deliverer in the order its uplinks arrived.
    await before;
    handOn(stored);
    // Left out: a message stored before under its dedup key; answer with that uplink's id.
    const repeats = rows.filter((r) => !ids.has(r.id!) && !failed.has(r.id!));
    const earlier = repeats.length
      ? await repo.findByDedupKeys(
          db,
          repeats.map((r) => ({ deviceId: r.deviceId, dedupKey: r.dedupKey! })),
        )
      : new Map<string, string>();
    return rows.map((r) => {
      if (failed.has(r.id!)) return { ok: false, error: failed.get(r.id!) };
      const id = ids.has(r.id!) ? r.id! : earlier.get(`${r.deviceId} ${r.dedupKey}`);
      return id ? { ok: true, value: id } : { ok: false, error: new Error('The uplink was not stored') };
    });
  }

  /** After the commit: twin and message times to the coalescer, deliveries to the deliverer or workers. */
  function handOn(stored: Stored[]): void {
    let unsent = false;
    for (const { plans, context, leased } of stored) {
      activity.note(plans);
      countDecodings(metrics.pipeline, plans);
      if (leased.length > 0) deliverer?.submit(leased, context.destinations);
      if (plans.some((p) => p.deliveries.length > leased.length)) unsent = true;
    }
    if (unsent) wake();
  }

  const groups = groupCommit(storeGroup, { max: GROUP_MAX, concurrency: GROUP_CONCURRENCY });

  /** Refusals counted already: a connector counting what it throws leaves out what `accept` counted. */
  const counted = new WeakSet<object>();
  /** Counts an uplink refused with a problem (4xx), by connector and code; other errors are not refusals. */
  function refused(connector: string, error: unknown): void {
    if (!(error instanceof DomainError) || error.status >= 500 || counted.has(error)) return;
    counted.add(error);
    metrics.pipeline.refused.inc({ connector, code: error.code });
  }

  async function acceptUplink(input: IncomingUplink): Promise<Accepted> {
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
    const resolved = checkContent(input, at);
    const id = uuidv7(at.getTime());
    const storedId = await groups.add({
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
      ...(resolved ? { resolved } : {}),
    });
    return { id: storedId, deviceId: device.deviceId, duplicate: storedId !== id };
  }

  return {
    /** Authenticates and stores an uplink; resolves once it is committed. Counted either way. */
    async accept(input: IncomingUplink): Promise<Accepted> {
      try {
        const accepted = await acceptUplink(input);
        if (!accepted.duplicate) metrics.pipeline.accepted.inc({ connector: input.connector });
        return accepted;
      } catch (error) {
        refused(input.connector, error);
        throw error;
      }
    },

    /** Counts an uplink a connector refused (its format, its sender); once, whoever calls it. */
    refused,

    /** Forgets cached device lookups (after a device or its secret changed in this process). */
    forget(): void {
      devices.clear();
    },

    /** Resolves once every uplink accepted so far is committed and handed on. */
    idle: () => groups.idle(),

    async close(): Promise<void> {
      await groups.idle();
    },
  };
}

export type IngestService = ReturnType<typeof createIngestService>;
