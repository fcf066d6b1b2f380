import {
  type Actor,
  type BulkActionSchema,
  can,
  type Device,
  type DeviceCreate,
  type DeviceCreateSchema,
  type DeviceListQuery,
  type DeviceUpdate,
  DomainError,
  deriveProcessingStatus,
  deviceUrn,
  type NetworkType,
  type ProcessingStatus,
} from '@openthings/domain';
import type { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { requireDeviceType } from '../device-types/device-types.service.ts';
import { assertDeviceCapacity } from '../projects/projects.service.ts';
import * as repo from './devices.repo.ts';

export function toDevice(row: repo.DeviceRow): Device {
  const networkType = row.networkType as NetworkType | null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    barcode: row.barcode,
    deviceType: { id: row.deviceTypeId, name: row.deviceTypeName, managed: row.deviceTypeManaged },
    project: { id: row.projectId, name: row.projectName },
    enabled: row.enabled,
    processingStatus: row.processingStatus as ProcessingStatus,
    networkType,
    primaryIdentifier: row.primaryIdentifier,
    urn: networkType && row.primaryIdentifier ? deviceUrn(networkType, row.primaryIdentifier) : null,
    flowCount: row.flowCount,
    flowNames: row.flowNames,
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/**
 * Recomputes what the devices table shows from the facts (enabled, flow links, network adapters):
 * processing status, flow count and primary identifier. Call it after any change to those facts,
 * inside the same transaction.
 */
export async function refreshDevices(tx: Db | Tx, ids: string[], now: Date): Promise<void> {
  for (const f of await repo.deviceFacts(tx, ids)) {
    await repo.writeDerived(
      tx,
      f.id,
      {
        processingStatus: deriveProcessingStatus({
          enabled: f.enabled,
          registered: f.adapterType !== null,
          flowCount: f.flowCount,
        }),
        flowCount: f.flowCount,
        networkType: f.adapterType,
        primaryIdentifier: f.adapterIdentifier,
      },
      now,
    );
  }
}

/** The device of this customer, or 404. */
export async function requireDevice(tx: Db | Tx, customerId: string, id: string): Promise<repo.DeviceRow> {
  const row = await repo.findDevice(tx, customerId, id);
  if (!row) throw new DomainError('resource.not_found', { detail: 'Device not found' });
  return row;
}

/**
 * Adds a device (no network information yet: status Inventory) within the project's limits. Used by
 * the API, the bulk import and the demo seed; `managedAllowed` is for the operator's own seeding.
 */
export async function addDevice(
  tx: Db | Tx,
  actor: Actor | 'system',
  customerId: string,
  input: z.output<typeof DeviceCreateSchema>,
  now: Date,
  options: { managedAllowed?: boolean } = {},
): Promise<string> {
  const type = await requireDeviceType(tx, customerId, input.deviceTypeId);
  if (type.managed && !options.managedAllowed) {
    throw new DomainError(
      'devices.managed',
      { detail: 'Managed devices are registered by the operator when you buy them' },
      { 'body.deviceTypeId': ['Managed device types cannot be added by customers'] },
    );
  }
  await assertDeviceCapacity(tx, customerId, input.projectId, type);
  const id = await repo.insertDevice(tx, {
    customerId,
    projectId: input.projectId,
    name: input.name,
    description: input.description,
    barcode: input.barcode || null,
    deviceTypeId: type.id,
    processingStatus: deriveProcessingStatus({ enabled: true, registered: false, flowCount: 0 }),
    createdAt: now,
    modifiedAt: now,
  });
  await recordChange(tx, actor, {
    customerId,
    action: 'device.created',
    subjectType: 'device',
    subjectId: id,
    changes: { name: input.name, deviceTypeId: type.id, projectId: input.projectId },
  });
  return id;
}

export function createDevicesService({ db, now }: Deps) {
  async function getDevice(actor: Actor, id: string): Promise<Device> {
    return toDevice(await requireDevice(db, actor.customerId, id));
  }

  async function setEnabled(actor: Actor, id: string, enabled: boolean): Promise<void> {
    await db.transaction(async (tx) => {
      await requireDevice(tx, actor.customerId, id);
      await repo.updateDevice(tx, actor.customerId, id, { enabled });
      await refreshDevices(tx, [id], now());
      await recordChange(tx, actor, {
        customerId: actor.customerId,
        action: enabled ? 'device.activated' : 'device.deactivated',
        subjectType: 'device',
        subjectId: id,
      });
    });
  }

  async function deleteDevice(actor: Actor, id: string): Promise<void> {
    await db.transaction(async (tx) => {
      const device = await requireDevice(tx, actor.customerId, id);
      if (device.deviceTypeManaged) {
        throw new DomainError('devices.managed', {
          detail: 'Managed devices cannot be deleted; contact the operator',
        });
      }
      // Adapters, bindings and flow links go with the device (ON DELETE CASCADE); SIMs are unlinked.
      await repo.deleteDevice(tx, actor.customerId, id);
      await recordChange(tx, actor, {
        customerId: actor.customerId,
        action: 'device.deleted',
        subjectType: 'device',
        subjectId: id,
        changes: { name: device.name },
      });
    });
  }

  return {
    async listDevices(actor: Actor, query: DeviceListQuery) {
      const { page, total } = await repo.listDevices(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toDevice) }, total };
    },

    getDevice,

    async registerDevice(actor: Actor, input: z.output<typeof DeviceCreateSchema>): Promise<Device> {
      const id = await db.transaction((tx) => addDevice(tx, actor, actor.customerId, input, now()));
      return getDevice(actor, id);
    },

    async updateDevice(actor: Actor, id: string, patch: DeviceUpdate): Promise<Device> {
      await db.transaction(async (tx) => {
        await requireDevice(tx, actor.customerId, id);
        await repo.updateDevice(tx, actor.customerId, id, { ...patch, modifiedAt: now() });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'device.updated',
          subjectType: 'device',
          subjectId: id,
          changes: patch,
        });
      });
      return getDevice(actor, id);
    },

    deleteDevice,

    async activate(actor: Actor, id: string) {
      await setEnabled(actor, id, true);
      return getDevice(actor, id);
    },

    async deactivate(actor: Actor, id: string) {
      await setEnabled(actor, id, false);
      return getDevice(actor, id);
    },

    /**
     * Bulk actions from the table's action bar: each device succeeds or fails on its own (in its own
     * transaction), so one locked or managed device does not block the rest.
     */
    async bulkAction(
      actor: Actor,
      input: z.output<typeof BulkActionSchema>,
      link: {
        link: (a: Actor, flowId: string, deviceId: string) => Promise<void>;
        unlink: (a: Actor, flowId: string, deviceId: string) => Promise<void>;
      },
    ) {
      if (input.action === 'delete' && !can(actor, 'devices:delete')) throw new DomainError('auth.forbidden');
      const succeeded: string[] = [];
      const failed: { id: string; code: string; detail: string }[] = [];
      for (const id of [...new Set(input.deviceIds)]) {
        try {
          if (input.action === 'activate') await setEnabled(actor, id, true);
          else if (input.action === 'deactivate') await setEnabled(actor, id, false);
          else if (input.action === 'delete') await deleteDevice(actor, id);
          else if (input.action === 'link') await link.link(actor, input.flowId!, id);
          else await link.unlink(actor, input.flowId!, id);
          succeeded.push(id);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          failed.push({ id, code: error.code, detail: error.message });
        }
      }
      return { succeeded, failed };
    },
  };
}

export type DevicesService = ReturnType<typeof createDevicesService>;
export type { DeviceCreate };
