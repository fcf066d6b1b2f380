import { apiKeysContract } from './api-keys/api-keys.contract.ts';
import { authContract } from './auth/auth.contract.ts';
import { customersContract } from './customers/customers.contract.ts';
import { projectsContract } from './projects/projects.contract.ts';
import { usersContract } from './users/users.contract.ts';

/** Every HTTP contract of the API, by feature. */
export const contracts = {
  auth: authContract,
  projects: projectsContract,
  users: usersContract,
  apiKeys: apiKeysContract,
  customers: customersContract,
};
