import { apnForCommunicationPlan, DomainError, type Sim, type SimStatus } from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import * as repo from './connectivity.repo.ts';

/**
 * A SIM's link to a device: the rules both ways of linking share (the SIM pages, and the devices
 * feature registering an M2M device inside its own transaction), and the API shape of a SIM that both
 * answer with.
 */

/** The API shape of a SIM row; the APN is derived from the communication plan, never stored. */
export function toSim(row: repo.SimRow): Sim {
  return {
    id: row.id,
    iccid: row.iccid,
    status: row.status as SimStatus,
    communicationPlan: row.communicationPlan,
    ratePlan: row.ratePlan,
    apn: apnForCommunicationPlan(row.communicationPlan),
    imei: row.imei,
    deviceId: row.deviceId,
    projectId: row.projectId,
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    usage: { bytes: row.usageBytes, sms: row.usageSms },
    lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/**
 * Links a SIM to a device after the rules: a retired SIM is never linked, a SIM serves one device
 * and a device holds one SIM. Linking the same pair again changes nothing.
 */
export async function linkChecked(
  tx: Db | Tx,
  customerId: string,
  sim: repo.SimRow,
  device: { id: string; imei: string | null },
  now: Date,
): Promise<boolean> {
  if (sim.status === 'RETIRED') {
    throw new DomainError('connectivity.sim_retired', {
      detail: `SIM ${sim.iccid} is retired; a retired SIM cannot be linked to a device.`,
    });
  }
  if (sim.deviceId === device.id && sim.imei === device.imei) return false;
  if (sim.deviceId !== null && sim.deviceId !== device.id) {
    throw new DomainError('connectivity.sim_linked', {
      detail: `SIM ${sim.iccid} is linked to another device; unlink it there first.`,
    });
  }
  const other = await repo.findSim(tx, customerId, { deviceId: device.id });
  if (other && other.id !== sim.id) {
    throw new DomainError('connectivity.device_has_sim', {
      detail: `The device uses SIM ${other.iccid}; swap or unlink that SIM first.`,
    });
  }
  await repo.setSimDevice(tx, customerId, sim.id, { deviceId: device.id, imei: device.imei }, now);
  return true;
}

/** The SIM with this ICCID in the customer's account, to check before linking it to a device. */
export async function findSimForLink(
  tx: Db | Tx,
  customerId: string,
  iccid: string,
): Promise<{ id: string; iccid: string; status: SimStatus; deviceId: string | null } | undefined> {
  const row = await repo.findSim(tx, customerId, { iccid }, { lock: true });
  return row && { id: row.id, iccid: row.iccid, status: row.status as SimStatus, deviceId: row.deviceId };
}

/** The SIM linked to a device, for the device's pages. */
export async function findSimOfDevice(
  tx: Db | Tx,
  customerId: string,
  deviceId: string,
): Promise<Sim | undefined> {
  const row = await repo.findSim(tx, customerId, { deviceId });
  return row && toSim(row);
}

/**
 * Links the SIM to the device with the device's IMEI. Throws `connectivity.sim_retired`,
 * `connectivity.sim_linked` or `connectivity.device_has_sim` (409), or 404 for an ICCID that is not
 * in the account. The caller audits the device change it is part of.
 */
export async function attachSimToDevice(
  tx: Db | Tx,
  customerId: string,
  iccid: string,
  link: { deviceId: string; imei: string | null },
  now: Date = new Date(),
): Promise<Sim> {
  const sim = await repo.findSim(tx, customerId, { iccid }, { lock: true });
  if (!sim)
    throw new DomainError('resource.not_found', { detail: `No SIM with ICCID ${iccid} in this account` });
  await linkChecked(tx, customerId, sim, { id: link.deviceId, imei: link.imei }, now);
  return toSim((await repo.findSim(tx, customerId, { id: sim.id }))!);
}

/** Unlinks the SIM from whatever device holds it; false when there was nothing to unlink. */
export async function detachSimFromDevice(
  tx: Db | Tx,
  customerId: string,
  iccid: string,
  now: Date = new Date(),
): Promise<boolean> {
  const sim = await repo.findSim(tx, customerId, { iccid }, { lock: true });
  if (!sim || sim.deviceId === null) return false;
  await repo.setSimDevice(tx, customerId, sim.id, { deviceId: null, imei: null }, now);
  return true;
}
