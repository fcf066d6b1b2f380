import {
  type Actor,
  type BindingListQuery,
  DomainError,
  deviceUrn,
  type HttpBinding,
  type LoraBinding,
  type MqttBinding,
  type MqttBindingWithPassword,
  type MqttBrokerInfo,
  type NetworkType,
  parseDeviceUrn,
} from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import { generateDeviceSecret, hashPassword } from '../auth/passwords.ts';
import * as repo from './bindings.repo.ts';
import { requireDevice } from './devices.service.ts';

const base = (row: repo.BindingRow) => ({
  id: row.id,
  deviceId: row.deviceId,
  urn: row.urn,
  createdAt: row.createdAt.toISOString(),
  modifiedAt: row.modifiedAt.toISOString(),
});
const toHttp = (row: repo.BindingRow): HttpBinding => ({
  ...base(row),
  type: row.type as HttpBinding['type'],
});
const toMqtt = (row: repo.BindingRow): MqttBinding => base(row);

/** The stored form of a device's MQTT password: the user's as scrypt, or a generated one as SHA-256. */
async function devicePassword(chosen: string | undefined) {
  if (chosen !== undefined) return { passwordHash: await hashPassword(chosen), generatedPassword: undefined };
  const { secret, stored } = generateDeviceSecret();
  return { passwordHash: stored, generatedPassword: secret };
}
const toLora = (row: repo.BindingRow): LoraBinding => ({
  ...base(row),
  devEui: parseDeviceUrn(row.urn)?.identifier ?? '',
  status: (row.status ?? 'INVENTORY') as LoraBinding['status'],
});

export function createBindingsService(deps: Deps) {
  const { db, now } = deps;
  async function get<T>(
    actor: Actor,
    kind: 'http' | 'mqtt' | 'lora',
    id: string,
    map: (r: repo.BindingRow) => T,
  ): Promise<T> {
    const row = await repo.findBinding(db, actor.customerId, kind, id);
    if (!row) throw new DomainError('resource.not_found', { detail: 'Binding not found' });
    return map(row);
  }
  async function list<T>(
    actor: Actor,
    kind: 'http' | 'mqtt' | 'lora',
    query: BindingListQuery & { type?: string },
    map: (r: repo.BindingRow) => T,
  ) {
    const { page, total } = await repo.listBindings(db, actor.customerId, kind, query);
    return { page: { ...page, data: page.data.map(map) }, total };
  }

  return {
    listHttp: (actor: Actor, query: BindingListQuery & { type?: string }) =>
      list(actor, 'http', query, toHttp),
    getHttp: (actor: Actor, id: string) => get(actor, 'http', id, toHttp),
    listMqtt: (actor: Actor, query: BindingListQuery) => list(actor, 'mqtt', query, toMqtt),
    getMqtt: (actor: Actor, id: string) => get(actor, 'mqtt', id, toMqtt),
    listLora: (actor: Actor, query: BindingListQuery) => list(actor, 'lora', query, toLora),
    getLora: (actor: Actor, id: string) => get(actor, 'lora', id, toLora),

    /** Where devices reach this process's MQTT broker; 404 in a process without one. */
    mqttBroker(): MqttBrokerInfo {
      const info = deps.mqttBroker?.();
      if (!info) throw new DomainError('resource.not_found', { detail: 'This server runs no MQTT broker' });
      return info;
    },

    /**
     * MQTT access for a device: username = its URN (set by the system); the password is the user's
     * (stored as scrypt) or generated (stored as SHA-256, returned this once).
     */
    async createMqtt(
      actor: Actor,
      input: { deviceId: string; password?: string | undefined },
    ): Promise<MqttBindingWithPassword> {
      const { passwordHash, generatedPassword } = await devicePassword(input.password);
      return db.transaction(async (tx) => {
        await requireDevice(tx, actor.customerId, input.deviceId);
        const adapter = await repo.primaryAdapter(tx, input.deviceId);
        if (!adapter) {
          throw new DomainError(
            'request.invalid',
            {},
            { 'body.deviceId': ['Add network information to the device first'] },
          );
        }
        if (await repo.findBindingByDevice(tx, input.deviceId, 'mqtt')) {
          throw new DomainError('state.conflict', {
            detail: 'This device already has an MQTT binding; change its password instead',
          });
        }
        const row = await repo.insertBinding(tx, {
          customerId: actor.customerId,
          deviceId: input.deviceId,
          kind: 'mqtt',
          type: 'mqtt',
          urn: deviceUrn(adapter.networkType as NetworkType, adapter.identifier),
          passwordHash,
        });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'binding.created',
          subjectType: 'device',
          subjectId: input.deviceId,
          changes: { kind: 'mqtt' },
        });
        return { ...toMqtt(row), ...(generatedPassword && { generatedPassword }) };
      });
    },

    async updateMqtt(actor: Actor, id: string, password?: string): Promise<MqttBindingWithPassword> {
      const { passwordHash, generatedPassword } = await devicePassword(password);
      return db.transaction(async (tx) => {
        const row = await repo.findBinding(tx, actor.customerId, 'mqtt', id);
        if (!row) throw new DomainError('resource.not_found', { detail: 'Binding not found' });
        const updated = await repo.updateBinding(tx, id, { passwordHash, modifiedAt: now() });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'binding.password_changed',
          subjectType: 'device',
          subjectId: row.deviceId,
          changes: { generated: generatedPassword !== undefined },
        });
        return { ...toMqtt(updated), ...(generatedPassword && { generatedPassword }) };
      });
    },

    async removeMqtt(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await repo.findBinding(tx, actor.customerId, 'mqtt', id);
        if (!row) throw new DomainError('resource.not_found', { detail: 'Binding not found' });
        await repo.deleteBinding(tx, id);
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'binding.deleted',
          subjectType: 'device',
          subjectId: row.deviceId,
          changes: { kind: 'mqtt' },
        });
      });
    },
  };
}
