import {
  type Actor,
  COMMUNICATION_PLANS,
  DomainError,
  LORA_CONNECTIVITY_PLANS,
  planCombinationProblem,
  RATE_PLANS,
  type Sim,
  type SimListQuery,
  type SimStatus,
  type SimSwapResult,
  type SimSyncResult,
  type SimUpdate,
  simTransitionProblem,
} from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { createProjectsService } from '../projects/projects.service.ts';
import { type Carrier, CarrierRefusedError, type CarrierSim, CarrierUnavailableError } from './carrier.ts';
import * as repo from './connectivity.repo.ts';
import { linkChecked, toSim } from './sim-links.ts';
import { createSimulatedCarrier } from './simulated-carrier.ts';

/** SIMs per statement and per carrier page during a sync. */
const SYNC_BATCH = 500;

const notFound = () => new DomainError('resource.not_found', { detail: 'SIM not found' });

async function ownSim(
  db: Db | Tx,
  customerId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<repo.SimRow> {
  const row = await repo.findSim(db, customerId, { id }, options);
  if (!row) throw notFound();
  return row;
}

/** Carrier failures become the API's errors: a refusal is a conflict, an outage is temporary. */
async function atCarrier<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof CarrierRefusedError) {
      throw new DomainError('connectivity.carrier_refused', { detail: error.message });
    }
    if (error instanceof CarrierUnavailableError) {
      throw new DomainError('connectivity.carrier_unavailable', { detail: error.message });
    }
    throw error;
  }
}

export function createConnectivityService(
  deps: Deps,
  carrier: Carrier = createSimulatedCarrier(deps.db, deps.now),
) {
  const { db, now, logger } = deps;
  const projects = createProjectsService(deps);

  async function current(actor: Actor, id: string): Promise<Sim> {
    return toSim(await ownSim(db, actor.customerId, id));
  }

  async function checkProject(actor: Actor, projectId: string): Promise<void> {
    try {
      await projects.getProject(actor, projectId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'resource.not_found') {
        throw new DomainError('request.invalid', {}, { 'body.projectId': ['No project with this id'] });
      }
      throw error;
    }
  }

  /**
   * Every SIM of one customer account, page by page, each page one upsert. Null for an account whose
   * customer the platform no longer has: its SIMs stay at the carrier, there is nowhere to put them.
   */
  async function syncCustomer(customerId: string, at: Date): Promise<number | null> {
    if (!(await repo.customerExists(db, customerId))) return null;
    let synced = 0;
    let afterIccid: string | undefined;
    for (;;) {
      const page = await carrier.listSims(customerId, { afterIccid, limit: SYNC_BATCH });
      await repo.storeCarrierSims(db, page, at);
      synced += page.length;
      if (page.length < SYNC_BATCH) return synced;
      afterIccid = page.at(-1)!.iccid;
    }
  }

  return {
    listSimPlans() {
      return { communicationPlans: [...COMMUNICATION_PLANS], ratePlans: [...RATE_PLANS] };
    },

    listLoraConnectivityPlans() {
      return { data: [...LORA_CONNECTIVITY_PLANS] };
    },

    async listSims(actor: Actor, query: SimListQuery) {
      const { page, total } = await repo.listSims(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toSim) }, total };
    },

    /**
     * Opening one SIM reads it fresh from the carrier (the table shows the daily copy). When the
     * carrier cannot be reached, the last copy is still worth showing: its `lastSyncAt` says how old.
     */
    async getSim(actor: Actor, id: string): Promise<Sim> {
      const row = await ownSim(db, actor.customerId, id);
      let fresh: CarrierSim | undefined;
      try {
        fresh = await carrier.getSim(row.iccid);
      } catch (error) {
        if (!(error instanceof CarrierUnavailableError)) throw error;
        logger.warn(
          { err: error, iccid: row.iccid },
          'carrier unavailable; answering the last synchronised copy',
        );
      }
      if (fresh) await repo.storeCarrierSims(db, [fresh], now());
      // Re-read through the customer scope: the carrier may have moved the SIM to another customer.
      return current(actor, id);
    },

    /**
     * Status and plans change at the carrier first, in one request; only when it accepts do we store
     * its answer, the project and the audit entry together. A refusal writes nothing. Should our write
     * fail after the carrier accepted, the next read or sync brings our copy back in step.
     */
    async changeSim(actor: Actor, id: string, patch: SimUpdate): Promise<Sim> {
      const row = await ownSim(db, actor.customerId, id);
      const status = row.status as SimStatus;
      const change: { status?: SimStatus; communicationPlan?: string; ratePlan?: string } = {};
      if (patch.status !== undefined && patch.status !== status) {
        const problem = simTransitionProblem(status, patch.status);
        if (problem) throw new DomainError('connectivity.transition_forbidden', { detail: problem });
        change.status = patch.status;
      }
      if (patch.communicationPlan !== undefined && patch.communicationPlan !== row.communicationPlan) {
        change.communicationPlan = patch.communicationPlan;
      }
      if (patch.ratePlan !== undefined && patch.ratePlan !== row.ratePlan) change.ratePlan = patch.ratePlan;
      if ((change.communicationPlan || change.ratePlan) && status === 'RETIRED') {
        throw new DomainError('connectivity.sim_retired', {
          detail: `SIM ${row.iccid} is retired; its plans can no longer change.`,
        });
      }
      const mismatch = planCombinationProblem(
        change.communicationPlan ?? row.communicationPlan,
        change.ratePlan ?? row.ratePlan,
      );
      if (mismatch && (change.communicationPlan || change.ratePlan)) {
        throw new DomainError('connectivity.plan_mismatch', { detail: mismatch });
      }
      const projectChanges = patch.projectId !== undefined && patch.projectId !== row.projectId;
      if (projectChanges && patch.projectId) await checkProject(actor, patch.projectId);
      if (Object.keys(change).length === 0 && !projectChanges) return toSim(row);

      const fresh =
        Object.keys(change).length > 0
          ? await atCarrier(() => carrier.updateSim(row.iccid, change))
          : undefined;
      await db.transaction(async (tx) => {
        const at = now();
        if (fresh) await repo.storeCarrierSims(tx, [fresh], at);
        if (projectChanges) await repo.setSimProject(tx, actor.customerId, id, patch.projectId ?? null, at);
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'sim.updated',
          subjectType: 'sim',
          subjectId: id,
          changes: { ...change, ...(projectChanges && { projectId: patch.projectId }) },
        });
      });
      return current(actor, id);
    },

    async linkDevice(actor: Actor, id: string, deviceId: string): Promise<Sim> {
      await db.transaction(async (tx) => {
        const sim = await ownSim(tx, actor.customerId, id, { lock: true });
        const device = await repo.findDeviceForLink(tx, actor.customerId, deviceId);
        if (!device) {
          throw new DomainError('request.invalid', {}, { 'body.deviceId': ['No device with this id'] });
        }
        if (await linkChecked(tx, actor.customerId, sim, device, now())) {
          await recordChange(tx, actor, {
            customerId: actor.customerId,
            action: 'sim.device_linked',
            subjectType: 'sim',
            subjectId: id,
            changes: { deviceId, imei: device.imei },
          });
        }
      });
      return current(actor, id);
    },

    /** Unlinking a SIM that is not linked changes nothing (DELETE is idempotent). */
    async unlinkDevice(actor: Actor, id: string): Promise<Sim> {
      await db.transaction(async (tx) => {
        const sim = await ownSim(tx, actor.customerId, id, { lock: true });
        if (sim.deviceId === null) return;
        await repo.setSimDevice(tx, actor.customerId, id, { deviceId: null, imei: null }, now());
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'sim.device_unlinked',
          subjectType: 'sim',
          subjectId: id,
          changes: { deviceId: null, previousDeviceId: sim.deviceId },
        });
      });
      return current(actor, id);
    },

    /** A new SIM went into the device: the device (and its IMEI) moves to it; this SIM is unlinked. */
    async swapSim(actor: Actor, id: string, newIccid: string): Promise<SimSwapResult> {
      const { customerId } = actor;
      let toId = '';
      await db.transaction(async (tx) => {
        // Another customer's SIM id is a 404 whatever the body says.
        await ownSim(tx, customerId, id);
        const target = await repo.findSim(tx, customerId, { iccid: newIccid });
        if (!target) {
          throw new DomainError(
            'request.invalid',
            {},
            { 'body.newIccid': ['No SIM with this ICCID in your account'] },
          );
        }
        if (target.id === id) {
          throw new DomainError(
            'request.invalid',
            {},
            { 'body.newIccid': ['This is the SIM already in the device'] },
          );
        }
        toId = target.id;
        const locked = await repo.lockSims(tx, customerId, [id, target.id]);
        const from = locked.find((s) => s.id === id);
        const to = locked.find((s) => s.id === target.id)!;
        if (!from) throw notFound();
        if (from.deviceId === null) {
          throw new DomainError('connectivity.sim_not_linked', {
            detail: `SIM ${from.iccid} is not linked to a device, so there is nothing to swap; link the new SIM instead.`,
          });
        }
        // Lock the device as a link does, so a concurrent link cannot give it a second SIM.
        const device = await repo.findDeviceForLink(tx, customerId, from.deviceId);
        const at = now();
        await repo.setSimDevice(tx, customerId, from.id, { deviceId: null, imei: null }, at);
        await linkChecked(tx, customerId, to, { id: from.deviceId, imei: device?.imei ?? from.imei }, at);
        for (const [subject, changes] of [
          [from.id, { deviceId: null, swappedTo: to.iccid }],
          [to.id, { deviceId: from.deviceId, swappedFrom: from.iccid }],
        ] as const) {
          await recordChange(tx, actor, {
            customerId,
            action: 'sim.swapped',
            subjectType: 'sim',
            subjectId: subject,
            changes,
          });
        }
      });
      return { from: await current(actor, id), to: await current(actor, toId) };
    },

    /** A manual sync of the actor's customer, as the daily task does for everyone. */
    async syncSims(actor: Actor): Promise<SimSyncResult> {
      const at = now();
      const synced = await atCarrier(() => syncCustomer(actor.customerId, at));
      return { synced: synced ?? 0, syncedAt: at.toISOString() };
    },

    /**
     * The daily synchronisation: every customer the carrier holds SIMs for. One customer's failure is
     * logged and the others still sync; the next run retries it.
     */
    async syncAll(): Promise<{ customers: number; synced: number; failed: number }> {
      const at = now();
      const result = { customers: 0, synced: 0, failed: 0 };
      for (const customerId of await carrier.listCustomerIds()) {
        try {
          const synced = await syncCustomer(customerId, at);
          if (synced === null) continue;
          result.synced += synced;
          result.customers += 1;
        } catch (error) {
          result.failed += 1;
          logger.error({ err: error, customerId }, 'carrier sync of a customer failed');
        }
      }
      return result;
    },

    /** When the least recently synchronised SIM was synchronised; null before the first sync. */
    oldestSyncAt: () => repo.oldestSyncAt(db),
  };
}

export type ConnectivityService = ReturnType<typeof createConnectivityService>;

// For the devices feature, inside its own transactions: the SIM half of registering an M2M device.
export {
  attachSimToDevice,
  detachSimFromDevice,
  findSimForLink,
  findSimOfDevice,
  toSim,
} from './sim-links.ts';

/**
 * Demo SIMs: issued by the simulated carrier and synchronised into `projectId` at once: six in ten
 * Activated, three Activation Ready, one Deactivated, and (from two SIMs on) the last one Retired.
 */
export async function provisionDemoSims(
  tx: Db | Tx,
  customerId: string,
  projectId: string,
  count: number,
  now: Date,
): Promise<Sim[]> {
  if (count <= 0) return [];
  const pattern: SimStatus[] = [
    'ACTIVATED',
    'ACTIVATED',
    'ACTIVATION_READY',
    'ACTIVATED',
    'ACTIVATION_READY',
  ];
  pattern.push('ACTIVATED', 'DEACTIVATED', 'ACTIVATED', 'ACTIVATED', 'ACTIVATION_READY');
  const statuses = Array.from({ length: count }, (_, i) => pattern[i % pattern.length]!);
  if (count >= 2) statuses[count - 1] = 'RETIRED';
  const issued = await createSimulatedCarrier(tx, () => now).provisionSims(customerId, count, { statuses });
  await repo.storeCarrierSims(tx, issued, now, projectId);
  const rows = await repo.findSimsByIccid(
    tx,
    customerId,
    issued.map((s) => s.iccid),
  );
  return rows.map(toSim);
}
