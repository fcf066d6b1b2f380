import { and, count, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { deviceFlows, devices, deviceTypes, flowDecoders } from '../../db/schema/index.ts';

type Conn = Db | Tx;

/** The device types of the devices in a flow, with how many devices of each. */
export function typesInFlow(db: Conn, flowId: string) {
  return db
    .select({
      id: deviceTypes.id,
      name: deviceTypes.name,
      networkTypes: deviceTypes.networkTypes,
      deviceCount: count(),
    })
    .from(deviceFlows)
    .innerJoin(devices, eq(devices.id, deviceFlows.deviceId))
    .innerJoin(deviceTypes, eq(deviceTypes.id, devices.deviceTypeId))
    .where(eq(deviceFlows.flowId, flowId))
    .groupBy(deviceTypes.id, deviceTypes.name, deviceTypes.networkTypes)
    .orderBy(sql`lower(${deviceTypes.name})`);
}

export function decoderSettings(db: Conn, flowId: string) {
  return db
    .select({
      deviceTypeId: flowDecoders.deviceTypeId,
      decoderId: flowDecoders.decoderId,
      enabled: flowDecoders.enabled,
    })
    .from(flowDecoders)
    .where(eq(flowDecoders.flowId, flowId));
}

export async function setDecoders(
  db: Conn,
  flowId: string,
  deviceTypeId: string,
  rows: { decoderId: string; enabled: boolean }[],
) {
  if (rows.length === 0) return;
  await db
    .insert(flowDecoders)
    .values(rows.map((r) => ({ flowId, deviceTypeId, ...r })))
    .onConflictDoUpdate({
      target: [flowDecoders.flowId, flowDecoders.deviceTypeId, flowDecoders.decoderId],
      set: { enabled: sql`excluded.enabled` },
    });
}

export async function typeExists(
  db: Conn,
  deviceTypeId: string,
  customerId: string,
): Promise<{ networkTypes: string[] } | undefined> {
  const [row] = await db
    .select({ networkTypes: deviceTypes.networkTypes })
    .from(deviceTypes)
    .where(
      and(
        eq(deviceTypes.id, deviceTypeId),
        sql`(${deviceTypes.customerId} is null or ${deviceTypes.customerId} = ${customerId})`,
      ),
    )
    .limit(1);
  return row;
}
