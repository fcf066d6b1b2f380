import {
  DEFAULT_COMMUNICATION_PLAN_ID,
  DEFAULT_RATE_PLAN_ID,
  findCommunicationPlan,
  findRatePlan,
  luhnCheckDigit,
  planCombinationProblem,
  type SimStatus,
  simTransitionProblem,
} from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import { type Carrier, CarrierRefusedError, type CarrierSim } from './carrier.ts';
import * as store from './simulated-carrier.repo.ts';

/**
 * The built-in carrier: a control centre simulated on the platform's own database, so a fresh install
 * has SIMs whose usage grows, whose status can change and which the daily sync really synchronises.
 * Nothing in it is random: usage and sessions follow from the clock and the ICCID.
 */
export interface SimulatedCarrier extends Carrier {
  /**
   * Issues `count` new SIMs to a customer with valid (Luhn) ICCIDs. `statuses` is cycled over the new
   * SIMs; a SIM delivered as anything but Activation Ready arrives with some usage history.
   */
  provisionSims(
    customerId: string,
    count: number,
    options?: { statuses?: readonly SimStatus[]; communicationPlan?: string; ratePlan?: string },
  ): Promise<CarrierSim[]>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE_LIMIT = 1000;
/** 89 = telecom, 31 = the Netherlands, 08 = the simulated issuer; then a 12-digit serial and the check. */
const ISSUER_PREFIX = '893108';
const FIRST_SERIAL = 711_900_000_000;

/** FNV-1a: a cheap, stable hash so every SIM gets its own traffic pattern without randomness. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** How one SIM behaves: a data session every 5–120 minutes, 2–50 kB an hour, 0–3 SMS a day. */
function profile(iccid: string) {
  const h = fnv1a(iccid);
  const sessionEveryMs = (5 + ((h >>> 16) % 116)) * 60_000;
  const bytesPerHour = 2_000 + (h % 48_001);
  return {
    sessionEveryMs,
    bytesPerSession: Math.round((bytesPerHour * sessionEveryMs) / HOUR),
    smsPerDay: (h >>> 8) % 4,
    /** A SIM that was in use before it reached the platform: 1–90 days of history. */
    historyDays: 1 + ((h >>> 4) % 90),
  };
}

/**
 * What the carrier reports now. Stored usage is settled at every status change (`modified_at` is that
 * moment); an Activated SIM adds one session per `sessionEveryMs` tick of the clock since then and its
 * daily SMS per calendar day, so a reading is the same whenever it is taken for the same instant.
 */
function reading(record: store.CarrierRecord, now: Date): CarrierSim {
  const p = profile(record.iccid);
  const anchor = record.modifiedAt.getTime();
  const live = record.status === 'ACTIVATED';
  const tick = (t: number) => Math.floor(t / p.sessionEveryMs);
  const sessions = live ? Math.max(0, tick(now.getTime()) - tick(anchor)) : 0;
  const days = live ? Math.max(0, Math.floor(now.getTime() / DAY) - Math.floor(anchor / DAY)) : 0;
  let lastSessionAt: Date | null = null;
  if (sessions > 0) lastSessionAt = new Date(tick(now.getTime()) * p.sessionEveryMs);
  else if (record.usageBytes > 0) lastSessionAt = new Date(tick(anchor) * p.sessionEveryMs);
  return {
    iccid: record.iccid,
    customerId: record.customerId,
    status: record.status as SimStatus,
    communicationPlan: record.communicationPlan,
    ratePlan: record.ratePlan,
    imei: record.imei,
    usage: {
      bytes: record.usageBytes + sessions * p.bytesPerSession,
      sms: record.usageSms + days * p.smsPerDay,
    },
    lastSessionAt,
  };
}

/** The carrier's own rules: they match the platform's, but an external system enforces them itself. */
function refusal(record: store.CarrierRecord, change: Parameters<Carrier['updateSim']>[1]): string | null {
  const status = record.status as SimStatus;
  if (status === 'RETIRED') return `SIM ${record.iccid} is retired; the carrier accepts no changes to it.`;
  if (change.status !== undefined) {
    const problem = simTransitionProblem(status, change.status);
    if (problem) return problem;
  }
  if (change.communicationPlan !== undefined && !findCommunicationPlan(change.communicationPlan)) {
    return `The carrier has no communication plan "${change.communicationPlan}".`;
  }
  if (change.ratePlan !== undefined && !findRatePlan(change.ratePlan)) {
    return `The carrier has no rate plan "${change.ratePlan}".`;
  }
  return planCombinationProblem(
    change.communicationPlan ?? record.communicationPlan,
    change.ratePlan ?? record.ratePlan,
  );
}

/** A simulated control centre on `db` (a transaction works too, as the demo seed needs). */
export function createSimulatedCarrier(db: Db | Tx, now: () => Date): SimulatedCarrier {
  return {
    async getSim(iccid) {
      const record = await store.findCarrierRecord(db, iccid);
      return record && reading(record, now());
    },

    async listSims(customerId, page = {}) {
      const limit = Math.min(page.limit ?? PAGE_LIMIT, PAGE_LIMIT);
      const at = now();
      const records = await store.listCarrierRecords(db, customerId, page.afterIccid, limit);
      return records.map((r) => reading(r, at));
    },

    listCustomerIds: () => store.listCarrierCustomerIds(db),

    async updateSim(iccid, change) {
      return db.transaction(async (tx) => {
        const record = await store.findCarrierRecord(tx, iccid, { lock: true });
        if (!record) throw new CarrierRefusedError(`The carrier has no SIM with ICCID ${iccid}.`);
        const problem = refusal(record, change);
        if (problem) throw new CarrierRefusedError(problem);
        const at = now();
        const patch: Parameters<typeof store.updateCarrierRecord>[2] = {
          communicationPlan: change.communicationPlan ?? record.communicationPlan,
          ratePlan: change.ratePlan ?? record.ratePlan,
        };
        if (change.status !== undefined && change.status !== record.status) {
          // Settle the usage so far: from now on it accrues (or not) under the new status.
          const current = reading(record, at);
          Object.assign(patch, {
            status: change.status,
            usageBytes: current.usage.bytes,
            usageSms: current.usage.sms,
            modifiedAt: at,
          });
        }
        return reading(await store.updateCarrierRecord(tx, iccid, patch), at);
      });
    },

    async provisionSims(customerId, count, options = {}) {
      const statuses = options.statuses?.length ? options.statuses : (['ACTIVATION_READY'] as const);
      const at = now();
      const highest = await store.highestIccid(db, ISSUER_PREFIX);
      // Serial numbers continue after the highest issued one; concurrent provisioning would collide on
      // the primary key and fail rather than issue one ICCID twice.
      const first = highest
        ? Number(highest.slice(ISSUER_PREFIX.length, ISSUER_PREFIX.length + 12)) + 1
        : FIRST_SERIAL;
      const records: store.CarrierRecord[] = [];
      for (let i = 0; i < count; i++) {
        const payload = `${ISSUER_PREFIX}${String(first + i).padStart(12, '0')}`;
        const iccid = `${payload}${luhnCheckDigit(payload)}`;
        const status = statuses[i % statuses.length]!;
        const p = profile(iccid);
        const used = status !== 'ACTIVATION_READY';
        const sessionsPerDay = Math.floor(DAY / p.sessionEveryMs);
        records.push({
          iccid,
          customerId,
          status,
          communicationPlan: options.communicationPlan ?? DEFAULT_COMMUNICATION_PLAN_ID,
          ratePlan: options.ratePlan ?? DEFAULT_RATE_PLAN_ID,
          imei: null,
          usageBytes: used ? p.historyDays * sessionsPerDay * p.bytesPerSession : 0,
          usageSms: used ? p.historyDays * p.smsPerDay : 0,
          modifiedAt: at,
        });
      }
      for (let i = 0; i < records.length; i += PAGE_LIMIT) {
        await store.insertCarrierRecords(db, records.slice(i, i + PAGE_LIMIT));
      }
      return records.map((r) => reading(r, at));
    },
  };
}
