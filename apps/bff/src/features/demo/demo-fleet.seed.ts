import { luhnCheckDigit, type NetworkAdapterCreate } from '@openthings/domain';
import type { Tx } from '../../db/client.ts';
import { provisionDemoSims } from '../connectivity/connectivity.service.ts';
import { updateDevice } from '../devices/devices.repo.ts';
import { addDevice, refreshDevices } from '../devices/devices.service.ts';
import { addNetworkAdapter } from '../devices/network-adapters.service.ts';
import { linkDeviceToFlow } from '../flows/flows.service.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every demo install looks the same. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

interface Group {
  count: number;
  deviceTypeId: string;
  name: (i: number) => string;
  flow: 'telemetry' | 'cold' | 'waste';
  network: (i: number, random: () => number) => NetworkAdapterCreate;
  managed?: boolean;
}

const hex = (random: () => number, bytes: number) =>
  Array.from({ length: bytes }, () =>
    Math.floor(random() * 256)
      .toString(16)
      .padStart(2, '0'),
  )
    .join('')
    .toUpperCase();

/**
 * The "Fleet demo" project: a few hundred devices of mixed types on LoRa, M2M and the internet, SIMs,
 * and three flows — so every page has something real to show. Some devices stay in inventory, some
 * unlinked and some deactivated, as in a real fleet.
 */
export async function seedDemoFleet(
  tx: Tx,
  ids: { customerId: string; projectId: string; flows: Record<Group['flow'], string> },
  now: Date,
): Promise<{ devices: number; sims: number }> {
  const random = prng(2026);
  const sims = (await provisionDemoSims(tx, ids.customerId, ids.projectId, 100, now)).filter(
    (s) => s.status !== 'RETIRED' && !s.deviceId,
  );
  let simIndex = 0;
  const groups: Group[] = [
    {
      count: 120,
      deviceTypeId: 'elsys-ers',
      name: (i) => `Room sensor ${pad(i)}`,
      flow: 'cold',
      network: (i) => ({
        type: 'LORA',
        devEui: `A81758FFFE0${pad(i, 5)}`,
        appEui: '70B3D57ED0000001',
        appKey: hex(random, 16),
        connectivityPlanId: 'lora-basic',
      }),
    },
    {
      count: 60,
      deviceTypeId: 'things-lora-tracker',
      managed: true,
      name: (i) => `Asset tracker ${pad(i)}`,
      flow: 'telemetry',
      network: (i) => ({
        type: 'LORA',
        devEui: `0004A30B00${pad(i, 6)}`,
        appEui: '70B3D57ED0000002',
        appKey: hex(random, 16),
        connectivityPlanId: 'lora-geolocation',
      }),
    },
    {
      count: 24,
      deviceTypeId: 'things-filltag',
      managed: true,
      name: (i) => `Container ${pad(i)}`,
      flow: 'waste',
      network: (i) => ({
        type: 'LORA',
        devEui: `70B3D5E75E${pad(i, 6)}`,
        appEui: '70B3D57ED0000003',
        appKey: hex(random, 16),
        connectivityPlanId: 'lora-basic',
      }),
    },
    {
      count: 80,
      deviceTypeId: 'own-m2m',
      name: (i) => `Truck ${pad(i)}`,
      flow: 'telemetry',
      network: (i) => {
        const body = `35729274${pad(i, 6)}`;
        const sim = sims[simIndex++];
        return {
          type: 'M2M',
          imei: `${body}${luhnCheckDigit(body)}`,
          iccid: sim?.iccid ?? '',
          earlyAccess: false,
        };
      },
    },
    {
      count: 20,
      deviceTypeId: 'generic-internet',
      name: (i) => `Gateway ${pad(i)}`,
      flow: 'telemetry',
      network: (i) => ({ type: 'INTERNET', dvnUuid: `5e1f0000-0000-4000-8000-${pad(i, 12)}` }),
    },
  ];

  let devices = 0;
  for (const group of groups) {
    for (let i = 1; i <= group.count; i++) {
      const deviceId = await addDevice(
        tx,
        'system',
        ids.customerId,
        { projectId: ids.projectId, deviceTypeId: group.deviceTypeId, name: group.name(i), description: '' },
        now,
        { managedAllowed: group.managed },
      );
      devices++;
      const roll = random();
      // About 4% stay in inventory (no network information yet).
      if (roll < 0.04) continue;
      const network = group.network(i, random);
      if (network.type === 'M2M' && network.iccid === '') continue;
      await addNetworkAdapter(tx, 'system', ids.customerId, deviceId, network, now);
      // About 6% more are registered but in no flow; about 5% are deactivated.
      if (roll < 0.1) continue;
      await linkDeviceToFlow(tx, 'system', ids.customerId, ids.flows[group.flow], deviceId, now);
      if (roll > 0.95) {
        await updateDevice(tx, ids.customerId, deviceId, { enabled: false });
        await refreshDevices(tx, [deviceId], now);
      }
    }
  }
  return { devices, sims: sims.length };
}
