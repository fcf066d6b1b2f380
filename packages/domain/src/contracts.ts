import { apiKeysContract } from './api-keys/api-keys.contract.ts';
import { authContract } from './auth/auth.contract.ts';
import { connectivityContract } from './connectivity/connectivity.contract.ts';
import { simExportContract } from './connectivity/sim-export.ts';
import { customersContract } from './customers/customers.contract.ts';
import { destinationsContract } from './destinations/destinations.contract.ts';
import { deviceTypesContract } from './device-types/device-types.contract.ts';
import { bindingsContract } from './devices/bindings.contract.ts';
import { bulkContract } from './devices/bulk.contract.ts';
import { devicesContract } from './devices/devices.contract.ts';
import { dataProcessingContract } from './flows/data-processing.schemas.ts';
import { flowsContract } from './flows/flows.contract.ts';
import { loraIntegrationsContract } from './lora-integrations/lora-integrations.contract.ts';
import { projectsContract } from './projects/projects.contract.ts';
import { historyContract } from './uplinks/history.schemas.ts';
import { usersContract } from './users/users.contract.ts';
import { viewsContract } from './views/views.contract.ts';

/** Every HTTP contract of the API, by feature. */
export const contracts = {
  auth: authContract,
  projects: projectsContract,
  users: usersContract,
  apiKeys: apiKeysContract,
  customers: customersContract,
  deviceTypes: deviceTypesContract,
  devices: devicesContract,
  bindings: bindingsContract,
  bulk: bulkContract,
  flows: flowsContract,
  dataProcessing: dataProcessingContract,
  views: viewsContract,
  history: historyContract,
  connectivity: connectivityContract,
  sims: { export: simExportContract },
  destinations: destinationsContract,
  loraIntegrations: loraIntegrationsContract,
};
