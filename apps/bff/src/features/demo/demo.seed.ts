import type { Role } from '@openthings/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { onboardCustomer } from '../customers/customers.service.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';
import { addUser } from '../users/users.service.ts';

export const DEMO = {
  customer: 'Demo Company',
  email: 'admin@demo.local',
  password: 'Demo-Things-2026',
} as const;

const ALL_ROLES: Role[] = ['admin', 'manager:admin', 'creator:admin', 'support:user', 'finance:read'];

/**
 * The demo account of the embedded start: "Demo Company" with its admin, "My first project"
 * (Freemium, with "My first flow") and the "Fleet demo" project (Modular). Runs once: an existing
 * demo admin means the folder was seeded before.
 */
export async function seedDemo(db: Db, now: Date): Promise<{ seeded: boolean }> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO.email))
    .limit(1);
  if (existing) return { seeded: false };
  await db.transaction(async (tx) => {
    const { customerId } = await onboardCustomer(tx, { name: DEMO.customer });
    await addUser(tx, 'system', customerId, {
      email: DEMO.email,
      name: 'Demo Admin',
      password: DEMO.password,
      roles: ALL_ROLES,
    });
    const yearFromNow = new Date(now.getTime() + 365 * 24 * 3600_000);
    await createProjectWithFlow(tx, {
      customerId,
      name: 'Fleet demo',
      description: 'A demo fleet of sensors and trackers on LoRa, M2M and the internet.',
      subscription: 'Modular',
      expiresAt: yearFromNow,
      flowName: 'Fleet telemetry',
    });
  });
  return { seeded: true };
}
