import { customersContract } from '@openthings/domain';
import type { ApiRouter } from '../../http/router.ts';
import type { createCustomersService } from './customers.service.ts';

export function customersRoutes(
  router: ApiRouter,
  customers: ReturnType<typeof createCustomersService>,
): void {
  router.handle(customersContract.list, async ({ actor }) => ({
    data: await customers.listCustomers(actor),
  }));
}
