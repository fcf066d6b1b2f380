import { and, asc, eq, isNull, ne, or } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { bindings, loraIntegrations, networkAdapters } from '../../db/schema/index.ts';

type Conn = Db | Tx;
export type IntegrationRow = typeof loraIntegrations.$inferSelect;

export function listIntegrations(db: Conn, customerId: string): Promise<IntegrationRow[]> {
  return db
    .select()
    .from(loraIntegrations)
    .where(eq(loraIntegrations.customerId, customerId))
    .orderBy(asc(loraIntegrations.createdAt), asc(loraIntegrations.id));
}

export async function findIntegration(
  db: Conn,
  customerId: string,
  id: string,
): Promise<IntegrationRow | undefined> {
  const [row] = await db
    .select()
    .from(loraIntegrations)
    .where(and(eq(loraIntegrations.customerId, customerId), eq(loraIntegrations.id, id)))
    .limit(1);
  return row;
}

/** The integration a webhook names, whoever owns it: the network server is not a signed-in actor. */
export async function findIntegrationById(db: Conn, id: string): Promise<IntegrationRow | undefined> {
  const [row] = await db.select().from(loraIntegrations).where(eq(loraIntegrations.id, id)).limit(1);
  return row;
}

export async function insertIntegration(
  db: Conn,
  row: typeof loraIntegrations.$inferInsert,
): Promise<IntegrationRow> {
  const [created] = await db.insert(loraIntegrations).values(row).returning();
  return created!;
}

export async function deleteIntegration(db: Conn, customerId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(loraIntegrations)
    .where(and(eq(loraIntegrations.customerId, customerId), eq(loraIntegrations.id, id)))
    .returning({ id: loraIntegrations.id });
  return rows.length > 0;
}

export interface LoraDevice {
  deviceId: string;
  adapterId: string;
  /** The adapter's network status and the LoRa binding's status are both ACTIVE. */
  active: boolean;
}

/**
 * The device with this DevEUI among `customerId`'s LoRa adapters. DevEUIs are unique platform-wide,
 * and the customer condition is what keeps an integration from posting for another tenant's device.
 */
export async function findLoraDevice(
  db: Conn,
  customerId: string,
  devEui: string,
): Promise<LoraDevice | undefined> {
  const [row] = await db
    .select({
      deviceId: networkAdapters.deviceId,
      adapterId: networkAdapters.id,
      networkStatus: networkAdapters.networkStatus,
      bindingStatus: bindings.status,
    })
    .from(networkAdapters)
    .leftJoin(bindings, and(eq(bindings.deviceId, networkAdapters.deviceId), eq(bindings.kind, 'lora')))
    .where(
      and(
        eq(networkAdapters.customerId, customerId),
        eq(networkAdapters.networkType, 'LORA'),
        eq(networkAdapters.identifier, devEui),
      ),
    )
    .limit(1);
  if (!row) return undefined;
  return {
    deviceId: row.deviceId,
    adapterId: row.adapterId,
    // A device without a LoRa binding has nothing to activate there.
    active: row.networkStatus === 'ACTIVE' && (row.bindingStatus === null || row.bindingStatus === 'ACTIVE'),
  };
}

/** First uplink seen: the device is on the network. Only rows not yet active are written. */
export async function markLoraActive(db: Conn, device: LoraDevice, at: Date): Promise<void> {
  await db
    .update(networkAdapters)
    .set({ networkStatus: 'ACTIVE', modifiedAt: at })
    .where(
      and(
        eq(networkAdapters.id, device.adapterId),
        or(isNull(networkAdapters.networkStatus), ne(networkAdapters.networkStatus, 'ACTIVE')),
      ),
    );
  await db
    .update(bindings)
    .set({ status: 'ACTIVE', modifiedAt: at })
    .where(
      and(
        eq(bindings.deviceId, device.deviceId),
        eq(bindings.kind, 'lora'),
        or(isNull(bindings.status), ne(bindings.status, 'ACTIVE')),
      ),
    );
}
