import type { Actor, Customer, Subscription } from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { createProjectWithFlow } from '../projects/projects.service.ts';
import * as repo from './customers.repo.ts';

export function createCustomersService({ db }: Deps) {
  return {
    /** For the "All customers" switch: the home customer first, then its sub-customers. */
    async listCustomers(actor: Actor): Promise<Customer[]> {
      const rows = await repo.listAccessibleCustomers(db, actor.homeCustomerId);
      return rows
        .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
        .sort((a, b) => Number(b.id === actor.homeCustomerId) - Number(a.id === actor.homeCustomerId));
    },
  };
}

/** A new customer starts with "My first project" (Freemium) holding the empty flow "My first flow". */
export async function onboardCustomer(
  tx: Db | Tx,
  input: { name: string; isReseller?: boolean; resellerId?: string | null; subscription?: Subscription },
) {
  const customerId = await repo.insertCustomer(tx, {
    name: input.name,
    isReseller: input.isReseller ?? false,
    resellerId: input.resellerId ?? null,
  });
  const { projectId, flowId } = await createProjectWithFlow(tx, {
    customerId,
    name: 'My first project',
    subscription: input.subscription ?? 'Freemium',
    flowName: 'My first flow',
  });
  return { customerId, projectId, flowId: flowId! };
}
