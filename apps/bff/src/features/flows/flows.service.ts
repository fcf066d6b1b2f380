import {
  type Actor,
  DomainError,
  type Flow,
  type FlowCreateSchema,
  type FlowListQuery,
  type FlowUpdateSchema,
} from '@openthings/domain';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { refreshDevices, requireDevice } from '../devices/devices.service.ts';
import { assertFlowCapacity } from '../projects/projects.service.ts';
import * as repo from './flows.repo.ts';

function toFlow(row: repo.FlowRow): Flow {
  return {
    id: row.id,
    projectId: row.projectId,
    projectName: row.projectName,
    name: row.name,
    description: row.description,
    deviceCount: row.deviceCount,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

export async function requireFlow(tx: Db | Tx, customerId: string, id: string) {
  const row = await repo.findFlow(tx, customerId, id);
  if (!row) throw new DomainError('resource.not_found', { detail: 'Flow not found' });
  return row;
}

/**
 * Links a device to a flow of the same project (a no-op when already linked) and refreshes the
 * device's processing status. Shared by the API, bulk actions and bulk import.
 */
export async function linkDeviceToFlow(
  tx: Db | Tx,
  actor: Actor | 'system',
  customerId: string,
  flowId: string,
  deviceId: string,
  now: Date,
) {
  const flow = await requireFlow(tx, customerId, flowId);
  const device = await requireDevice(tx, customerId, deviceId);
  if (flow.projectId !== device.projectId) {
    throw new DomainError('flows.wrong_project', {
      detail: `The device is in project "${device.projectName}", the flow in "${flow.projectName}"`,
    });
  }
  if (await repo.linkFlow(tx, customerId, flowId, deviceId)) {
    await refreshDevices(tx, [deviceId], now);
    await recordChange(tx, actor, {
      customerId,
      action: 'device.linked',
      subjectType: 'device',
      subjectId: deviceId,
      changes: { flowId },
    });
  }
}

/** A new flow in a project, within the project's flow limit. */
export async function addFlow(
  tx: Db | Tx,
  actor: Actor | 'system',
  customerId: string,
  input: z.output<typeof FlowCreateSchema>,
): Promise<string> {
  await assertFlowCapacity(tx, customerId, input.projectId);
  const flowId = await repo.insertFlow(tx, { customerId, ...input });
  await recordChange(tx, actor, {
    customerId,
    action: 'flow.created',
    subjectType: 'flow',
    subjectId: flowId,
    changes: input,
  });
  return flowId;
}

export function createFlowsService({ db, now }: Deps) {
  async function getFlow(actor: Actor, id: string): Promise<Flow> {
    return toFlow(await requireFlow(db, actor.customerId, id));
  }

  return {
    async listFlows(actor: Actor, query: FlowListQuery) {
      const { page, total } = await repo.listFlows(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toFlow) }, total };
    },
    getFlow,

    async createFlow(actor: Actor, input: z.output<typeof FlowCreateSchema>): Promise<Flow> {
      const id = await db.transaction((tx) => addFlow(tx, actor, actor.customerId, input));
      return getFlow(actor, id);
    },

    async updateFlow(actor: Actor, id: string, patch: z.output<typeof FlowUpdateSchema>): Promise<Flow> {
      await db.transaction(async (tx) => {
        if (!(await repo.updateFlow(tx, actor.customerId, id, { ...patch, modifiedAt: now() }))) {
          throw new DomainError('resource.not_found', { detail: 'Flow not found' });
        }
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'flow.updated',
          subjectType: 'flow',
          subjectId: id,
          changes: patch,
        });
      });
      return getFlow(actor, id);
    },

    async deleteFlow(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const deviceIds = await repo.devicesOfFlow(tx, id);
        if (!(await repo.deleteFlow(tx, actor.customerId, id))) {
          throw new DomainError('resource.not_found', { detail: 'Flow not found' });
        }
        await refreshDevices(tx, deviceIds, now());
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'flow.deleted',
          subjectType: 'flow',
          subjectId: id,
        });
      });
    },

    async link(actor: Actor, flowId: string, deviceId: string): Promise<void> {
      await db.transaction((tx) => linkDeviceToFlow(tx, actor, actor.customerId, flowId, deviceId, now()));
    },

    async unlink(actor: Actor, flowId: string, deviceId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await requireFlow(tx, actor.customerId, flowId);
        await requireDevice(tx, actor.customerId, deviceId);
        if (await repo.unlinkFlow(tx, actor.customerId, flowId, deviceId)) {
          await refreshDevices(tx, [deviceId], now());
          await recordChange(tx, actor, {
            customerId: actor.customerId,
            action: 'device.unlinked',
            subjectType: 'device',
            subjectId: deviceId,
            changes: { flowId },
          });
        }
      });
    },

    async flowsOfDevice(actor: Actor, deviceId: string): Promise<Flow[]> {
      await requireDevice(db, actor.customerId, deviceId);
      return (await repo.flowsOfDevice(db, actor.customerId, deviceId)).map(toFlow);
    },
  };
}

export type FlowsService = ReturnType<typeof createFlowsService>;
