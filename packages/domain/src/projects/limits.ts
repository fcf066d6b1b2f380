import type { NetworkType } from '../shared/network.ts';
import type { ProjectLimits } from './projects.schemas.ts';

export interface DeviceUsage {
  total: number;
  byNetworkType: Record<NetworkType, number>;
}

/**
 * Would adding `adding` devices of a type with `networkTypes` exceed the project's limits? A device
 * counts once in the total and once for each network type its type supports.
 */
export function exceedsDeviceLimit(
  limits: ProjectLimits,
  usage: DeviceUsage,
  networkTypes: readonly NetworkType[],
  adding = 1,
): boolean {
  if (limits.devices !== null && usage.total + adding > limits.devices) return true;
  return networkTypes.some((n) => {
    const max = limits.devicesPerNetworkType[n];
    return max !== null && usage.byNetworkType[n] + adding > max;
  });
}

/** Is this network type / device type allowed in the project at all? */
export function allowsDeviceType(
  limits: ProjectLimits,
  deviceTypeId: string,
  networkTypes: readonly NetworkType[],
): boolean {
  if (limits.allowedDeviceTypeIds !== null && !limits.allowedDeviceTypeIds.includes(deviceTypeId))
    return false;
  if (
    limits.allowedNetworkTypes !== null &&
    !networkTypes.every((n) => limits.allowedNetworkTypes!.includes(n))
  )
    return false;
  return true;
}

export function exceedsFlowLimit(limits: ProjectLimits, flows: number, adding = 1): boolean {
  return limits.flows !== null && flows + adding > limits.flows;
}
