import { type Actor, type DeviceType, DomainError, type NetworkType } from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import * as repo from './device-types.repo.ts';

export function toDeviceType(row: repo.DeviceTypeRow): DeviceType {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    managed: row.managed,
    own: row.customerId !== null,
    networkTypes: row.networkTypes as NetworkType[],
    loraProvisioning: row.loraProvisioning as DeviceType['loraProvisioning'],
    battery: row.battery as DeviceType['battery'],
  };
}

/** A device type the customer may use, or a 400 naming the field. */
export async function requireDeviceType(
  tx: Db | Tx,
  customerId: string,
  id: string,
  field = 'body.deviceTypeId',
) {
  const row = await repo.findDeviceType(tx, customerId, id);
  if (!row) throw new DomainError('request.invalid', {}, { [field]: ['Unknown device type'] });
  return toDeviceType(row);
}

export const syncDeviceTypeCatalogue = (db: Db) => repo.upsertCatalogue(db);

export function createDeviceTypesService({ db }: Deps) {
  return {
    async listDeviceTypes(actor: Actor): Promise<DeviceType[]> {
      return (await repo.listDeviceTypes(db, actor.customerId)).map(toDeviceType);
    },
    async getDeviceType(actor: Actor, id: string): Promise<DeviceType> {
      const row = await repo.findDeviceType(db, actor.customerId, id);
      if (!row) throw new DomainError('resource.not_found', { detail: 'Device type not found' });
      return toDeviceType(row);
    },
  };
}
