import { randomBytes } from 'node:crypto';
import {
  type Actor,
  DomainError,
  deviceUrn,
  loraIdentifiersFrom,
  type NetworkAdapter,
  type NetworkAdapterCreate,
  type NetworkAdapterUpdate,
  type NetworkType,
} from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import {
  attachSimToDevice,
  detachSimFromDevice,
  findSimForLink,
  findSimOfDevice,
} from '../connectivity/connectivity.service.ts';
import { requireDeviceType } from '../device-types/device-types.service.ts';
import * as bindingsRepo from './bindings.repo.ts';
import { refreshDevices, requireDevice } from './devices.service.ts';
import * as repo from './network-adapters.repo.ts';
import { generateSharedSecret } from './secrets.ts';

export function toAdapter(row: repo.AdapterRow): NetworkAdapter {
  const type = row.networkType as NetworkType;
  return {
    id: row.id,
    deviceId: row.deviceId,
    type,
    identifier: row.identifier,
    urn: deviceUrn(type, row.identifier),
    devEui: type === 'LORA' ? row.identifier : null,
    appEui: row.appEui,
    connectivityPlanId: row.connectivityPlanId,
    networkStatus: row.networkStatus as NetworkAdapter['networkStatus'],
    imei: type === 'M2M' ? row.identifier : null,
    iccid: row.iccid,
    dvnUuid: type === 'INTERNET' ? row.identifier : null,
    hasSharedSecret: row.sharedSecret !== null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

const identifierField: Record<NetworkType, string> = { LORA: 'devEui', M2M: 'imei', INTERNET: 'dvnUuid' };

function taken(type: NetworkType): DomainError {
  return new DomainError(
    'devices.identifier_exists',
    { detail: 'The network identifier already exists for this network type' },
    { [`body.${identifierField[type]}`]: ['The network identifier already exists for this network type'] },
  );
}

/** PostgreSQL's unique violation: two requests raced for one identifier. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Links the SIM with this ICCID (it must be this customer's, free, and not retired) to the device. */
async function linkSim(tx: Db | Tx, customerId: string, iccid: string, deviceId: string, imei: string) {
  const sim = await findSimForLink(tx, customerId, iccid);
  const refuse = (reason: string) =>
    new DomainError('devices.sim_unavailable', { detail: reason }, { 'body.iccid': [reason] });
  if (!sim)
    throw refuse('No SIM with this ICCID in your account; tick "early access" for a SIM entered by hand');
  if (sim.status === 'RETIRED') throw refuse('This SIM is retired');
  if (sim.deviceId && sim.deviceId !== deviceId) throw refuse('This SIM is already linked to another device');
  await attachSimToDevice(tx, customerId, iccid, { deviceId, imei });
}

/**
 * Adds a device's network information: identifiers checked for uniqueness across the platform, SIM
 * linked, secrets generated when not given (returned once), connector binding created.
 */
export async function addNetworkAdapter(
  tx: Db | Tx,
  actor: Actor | 'system',
  customerId: string,
  deviceId: string,
  input: NetworkAdapterCreate,
  now: Date,
) {
  const device = await requireDevice(tx, customerId, deviceId);
  const type = await requireDeviceType(tx, customerId, device.deviceTypeId);
  if (!type.networkTypes.includes(input.type)) {
    throw new DomainError(
      'devices.network_not_supported',
      { detail: `${type.name} does not connect over ${input.type}` },
      { 'body.type': [`${type.name} supports ${type.networkTypes.join(', ')}`] },
    );
  }
  const secrets: { appKey?: string; sharedSecret?: string } = {};
  let row: Omit<Parameters<typeof repo.insertAdapter>[1], 'customerId' | 'deviceId' | 'networkType'>;
  if (input.type === 'LORA') {
    let { devEui, appEui, appKey } = input;
    if (type.loraProvisioning === 'generated' && !devEui) {
      ({ devEui, appEui, appKey } = loraIdentifiersFrom((n) => new Uint8Array(randomBytes(n))));
      secrets.appKey = appKey;
    }
    const missing = Object.entries({ devEui, appEui, appKey }).filter(([, v]) => !v);
    if (missing.length) {
      throw new DomainError(
        'request.invalid',
        {},
        Object.fromEntries(missing.map(([k]) => [`body.${k}`, ['Required for this device type']])),
      );
    }
    row = {
      identifier: devEui!,
      appEui: appEui!,
      appKey: appKey!,
      connectivityPlanId: input.connectivityPlanId,
      networkStatus: 'PENDING_CREATION',
    };
  } else if (input.type === 'M2M') {
    secrets.sharedSecret = input.sharedSecret ? undefined : generateSharedSecret();
    row = {
      identifier: input.imei,
      iccid: input.earlyAccess ? input.iccid : null,
      sharedSecret: input.sharedSecret ?? secrets.sharedSecret!,
    };
  } else {
    secrets.sharedSecret = input.sharedSecret ? undefined : generateSharedSecret();
    row = { identifier: input.dvnUuid, sharedSecret: input.sharedSecret ?? secrets.sharedSecret! };
  }
  if ((await repo.listAdapters(tx, customerId, deviceId)).some((a) => a.networkType === input.type)) {
    throw new DomainError('devices.adapter_exists');
  }
  if (await repo.identifierTaken(tx, input.type, row.identifier)) throw taken(input.type);
  let adapter: repo.AdapterRow;
  try {
    adapter = await repo.insertAdapter(tx, {
      ...row,
      customerId,
      deviceId,
      networkType: input.type,
      createdAt: now,
      modifiedAt: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(input.type);
    throw error;
  }
  if (input.type === 'M2M' && !input.earlyAccess)
    await linkSim(tx, customerId, input.iccid, deviceId, input.imei);
  const urn = deviceUrn(input.type, row.identifier);
  await bindingsRepo.insertBinding(tx, {
    customerId,
    deviceId,
    urn,
    ...(input.type === 'LORA'
      ? { kind: 'lora', type: 'lora', status: 'INVENTORY' }
      : { kind: 'http', type: 'http-senml' }),
  });
  await refreshDevices(tx, [deviceId], now);
  await recordChange(tx, actor, {
    customerId,
    action: 'device.network_added',
    subjectType: 'device',
    subjectId: deviceId,
    changes: {
      type: input.type,
      identifier: row.identifier,
      ...(input.type === 'M2M' ? { iccid: input.iccid } : {}),
    },
  });
  return { adapter: toAdapter((await repo.findAdapter(tx, customerId, deviceId, adapter.id))!), secrets };
}

export function createNetworkAdaptersService({ db, now }: Deps) {
  async function requireAdapter(tx: Db | Tx, actor: Actor, deviceId: string, id: string) {
    await requireDevice(tx, actor.customerId, deviceId);
    const row = await repo.findAdapter(tx, actor.customerId, deviceId, id);
    if (!row) throw new DomainError('resource.not_found', { detail: 'Network adapter not found' });
    return row;
  }

  return {
    async listAdapters(actor: Actor, deviceId: string): Promise<NetworkAdapter[]> {
      await requireDevice(db, actor.customerId, deviceId);
      return (await repo.listAdapters(db, actor.customerId, deviceId)).map(toAdapter);
    },

    addAdapter(actor: Actor, deviceId: string, input: NetworkAdapterCreate) {
      return db.transaction((tx) => addNetworkAdapter(tx, actor, actor.customerId, deviceId, input, now()));
    },

    /** Identifiers never change (same value: no-op); the plan and the SIM may. */
    async updateAdapter(
      actor: Actor,
      deviceId: string,
      id: string,
      patch: NetworkAdapterUpdate,
    ): Promise<NetworkAdapter> {
      return db.transaction(async (tx) => {
        const row = await requireAdapter(tx, actor, deviceId, id);
        const type = row.networkType as NetworkType;
        for (const key of ['devEui', 'imei', 'dvnUuid'] as const) {
          const value = patch[key];
          if (value === undefined) continue;
          if (identifierField[type] !== key || value !== row.identifier) {
            throw new DomainError(
              'devices.identifier_immutable',
              {
                detail: `The ${key === 'devEui' ? 'DevEUI' : key === 'imei' ? 'IMEI' : 'DvnUUID'} cannot be changed once set`,
              },
              { [`body.${key}`]: ['This identifier cannot be changed'] },
            );
          }
        }
        const changes: Parameters<typeof repo.updateAdapter>[2] = {};
        if (patch.connectivityPlanId !== undefined && patch.connectivityPlanId !== row.connectivityPlanId) {
          if (type !== 'LORA')
            throw new DomainError(
              'request.invalid',
              {},
              { 'body.connectivityPlanId': ['Only LoRa devices have a connectivity plan'] },
            );
          changes.connectivityPlanId = patch.connectivityPlanId;
        }
        if (patch.iccid !== undefined && patch.iccid !== row.iccid) {
          if (type !== 'M2M')
            throw new DomainError('request.invalid', {}, { 'body.iccid': ['Only M2M devices have a SIM'] });
          const current = await findSimOfDevice(tx, actor.customerId, deviceId);
          if (current) await detachSimFromDevice(tx, actor.customerId, current.iccid);
          await linkSim(tx, actor.customerId, patch.iccid, deviceId, row.identifier);
          changes.iccid = null;
        }
        if (Object.keys(changes).length === 0) return toAdapter(row);
        await repo.updateAdapter(tx, id, { ...changes, modifiedAt: now() });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'device.network_updated',
          subjectType: 'device',
          subjectId: deviceId,
          changes: { ...changes, ...(patch.iccid ? { iccid: patch.iccid } : {}) },
        });
        return toAdapter((await repo.findAdapter(tx, actor.customerId, deviceId, id))!);
      });
    },

    async removeAdapter(actor: Actor, deviceId: string, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await requireAdapter(tx, actor, deviceId, id);
        const sim = await findSimOfDevice(tx, actor.customerId, deviceId);
        if (sim) await detachSimFromDevice(tx, actor.customerId, sim.iccid);
        await bindingsRepo.deleteBindingsByUrn(
          tx,
          deviceId,
          deviceUrn(row.networkType as NetworkType, row.identifier),
        );
        await repo.deleteAdapter(tx, id);
        await refreshDevices(tx, [deviceId], now());
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'device.network_removed',
          subjectType: 'device',
          subjectId: deviceId,
          changes: { type: row.networkType, identifier: row.identifier },
        });
      });
    },

    async regenerateSecret(actor: Actor, deviceId: string, id: string) {
      return db.transaction(async (tx) => {
        const row = await requireAdapter(tx, actor, deviceId, id);
        if (row.networkType === 'LORA') {
          throw new DomainError('request.invalid', {
            detail: 'LoRa devices authenticate with their AppKey, not a shared secret',
          });
        }
        const sharedSecret = generateSharedSecret();
        await repo.updateAdapter(tx, id, { sharedSecret, modifiedAt: now() });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'device.secret_regenerated',
          subjectType: 'device',
          subjectId: deviceId,
        });
        return { sharedSecret };
      });
    },
  };
}
