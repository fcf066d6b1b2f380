import { provisionDemoSims } from '../features/connectivity/connectivity.service.ts';
import { createProjectWithFlow } from '../features/projects/projects.service.ts';
import type { TestApp } from './test-app.ts';

/**
 * A Modular project "Fleet" of `customerId` with the flow "Fleet flow", and the ICCIDs of its SIMs that
 * are activated and free: what the bulk CSV tests register devices into.
 */
export async function fleetWithSims(t: TestApp, customerId: string, sims: number) {
  const ids = await createProjectWithFlow(t.deps.db, {
    customerId,
    name: 'Fleet',
    subscription: 'Modular',
    flowName: 'Fleet flow',
  });
  const provisioned = await t.deps.db.transaction((tx) =>
    provisionDemoSims(tx, customerId, ids.projectId, sims, new Date()),
  );
  return {
    projectId: ids.projectId,
    flowId: ids.flowId!,
    iccids: provisioned.filter((s) => s.status === 'ACTIVATED' && !s.deviceId).map((s) => s.iccid),
  };
}
