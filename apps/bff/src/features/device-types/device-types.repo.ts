import { DEVICE_TYPE_CATALOGUE } from '@openthings/domain';
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { deviceTypes } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type DeviceTypeRow = typeof deviceTypes.$inferSelect;

const visibleTo = (customerId: string) =>
  or(isNull(deviceTypes.customerId), eq(deviceTypes.customerId, customerId));

export function listDeviceTypes(db: Conn, customerId: string): Promise<DeviceTypeRow[]> {
  return db
    .select()
    .from(deviceTypes)
    .where(visibleTo(customerId))
    .orderBy(asc(deviceTypes.managed), asc(deviceTypes.name));
}

export async function findDeviceType(
  db: Conn,
  customerId: string,
  id: string,
): Promise<DeviceTypeRow | undefined> {
  const [row] = await db
    .select()
    .from(deviceTypes)
    .where(and(eq(deviceTypes.id, id), visibleTo(customerId)))
    .limit(1);
  return row;
}

/** Writes the platform catalogue (idempotent; runs at start-up so new entries appear after upgrades). */
export async function upsertCatalogue(db: Conn): Promise<void> {
  await db
    .insert(deviceTypes)
    .values(DEVICE_TYPE_CATALOGUE.map((t) => ({ ...t, networkTypes: [...t.networkTypes], customerId: null })))
    .onConflictDoUpdate({
      target: deviceTypes.id,
      set: {
        name: sql`excluded.name`,
        description: sql`excluded.description`,
        managed: sql`excluded.managed`,
        networkTypes: sql`excluded.network_types`,
        loraProvisioning: sql`excluded.lora_provisioning`,
        battery: sql`excluded.battery`,
        modifiedAt: sql`now()`,
      },
    });
}

export async function insertDeviceType(db: Conn, row: typeof deviceTypes.$inferInsert): Promise<void> {
  await db.insert(deviceTypes).values(row);
}
