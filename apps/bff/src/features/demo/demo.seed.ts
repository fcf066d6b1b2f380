import { type Role, roleLabel } from '@openthings/domain';
import type { Db } from '../../db/client.ts';
import { onboardCustomer } from '../customers/customers.service.ts';
import { addDevice } from '../devices/devices.service.ts';
import { addNetworkAdapter } from '../devices/network-adapters.service.ts';
import { addFlow, linkDeviceToFlow } from '../flows/flows.service.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';
import { addUser, isEmailRegistered } from '../users/users.service.ts';
import { seedDemoFleet } from './demo-fleet.seed.ts';

export const DEMO = {
  customer: 'Demo Company',
  email: 'admin@demo.local',
  password: 'Demo-Things-2026',
} as const;

const ALL_ROLES: Role[] = ['admin', 'manager:admin', 'creator:admin', 'support:user', 'finance:read'];

/**
 * One user per role (PRODUCT §2), each holding that role alone and the admin's password, so every
 * role can be tried. README.md's quick start lists them.
 */
export const DEMO_ROLE_USERS: readonly { email: string; role: Role }[] = [
  { email: 'user-admin@demo.local', role: 'admin' },
  { email: 'manager-admin@demo.local', role: 'manager:admin' },
  { email: 'manager-editor@demo.local', role: 'manager:editor' },
  { email: 'manager-read@demo.local', role: 'manager:read' },
  { email: 'creator-admin@demo.local', role: 'creator:admin' },
  { email: 'creator-read@demo.local', role: 'creator:read' },
  { email: 'support@demo.local', role: 'support:user' },
  { email: 'finance@demo.local', role: 'finance:read' },
];

/**
 * The demo account of the embedded start: "Demo Company" with its admin and a user per role, "My first
 * project" (Freemium, with "My first flow" and a device simulator in it) and the "Fleet demo" project (Modular)
 * with a few hundred devices, SIMs and three flows. Runs once: an existing demo admin means the
 * database was seeded before.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ seeded: boolean; devices?: number }> {
  if (await isEmailRegistered(db, DEMO.email)) return { seeded: false };
  const devices = await db.transaction(async (tx) => {
    const first = await onboardCustomer(tx, { name: DEMO.customer });
    const { customerId } = first;
    await addUser(tx, 'system', customerId, {
      email: DEMO.email,
      name: 'Demo Admin',
      password: DEMO.password,
      roles: ALL_ROLES,
    });
    for (const { email, role } of DEMO_ROLE_USERS) {
      await addUser(tx, 'system', customerId, {
        email,
        name: `Demo ${roleLabel(role)}`,
        password: DEMO.password,
        roles: [role],
      });
    }

    const phone = await addDevice(
      tx,
      'system',
      customerId,
      {
        projectId: first.projectId,
        deviceTypeId: 'device-simulator',
        name: 'My phone',
        description: 'The device simulator web app',
      },
      now,
    );
    await addNetworkAdapter(
      tx,
      'system',
      customerId,
      phone,
      { type: 'INTERNET', dvnUuid: '5e1f0000-0000-4000-8000-00000000f001' },
      now,
    );
    await linkDeviceToFlow(tx, 'system', customerId, first.flowId, phone, now);

    const yearFromNow = new Date(now.getTime() + 365 * 24 * 3600_000);
    const fleet = await createProjectWithFlow(tx, {
      customerId,
      name: 'Fleet demo',
      description: 'A demo fleet of sensors and trackers on LoRa, M2M and the internet.',
      subscription: 'Modular',
      expiresAt: yearFromNow,
      flowName: 'Fleet telemetry',
    });
    const flow = (name: string) =>
      addFlow(tx, 'system', customerId, { projectId: fleet.projectId, name, description: '' });
    const cold = await flow('Cold chain');
    const waste = await flow('Waste collection');
    const seeded = await seedDemoFleet(
      tx,
      { customerId, projectId: fleet.projectId, flows: { telemetry: fleet.flowId!, cold, waste } },
      now,
    );
    return seeded.devices + 1;
  });
  return { seeded: true, devices };
}
