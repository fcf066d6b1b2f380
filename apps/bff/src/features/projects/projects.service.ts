import {
  type Actor,
  allowsDeviceType,
  can,
  type DeviceType,
  DomainError,
  defaultLimits,
  exceedsDeviceLimit,
  exceedsFlowLimit,
  type Project,
  type ProjectListQuery,
  type ProjectUpdate,
  type Subscription,
} from '@openthings/domain';
import type { Db, Tx } from '../../db/client.ts';
import type { Deps } from '../../http/types.ts';
import { recordChange } from '../audit/audit.service.ts';
import * as repo from './projects.repo.ts';

function toProject(row: repo.ProjectRow): Project {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    subscription: row.subscription,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    limits: row.limits,
    usage: {
      flows: row.flowCount,
      devices: row.deviceUsage.total,
      devicesPerNetworkType: {
        LORA: row.deviceUsage.LORA,
        M2M: row.deviceUsage.M2M,
        INTERNET: row.deviceUsage.INTERNET,
      },
      destinations: row.destinationLinks,
    },
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

export function createProjectsService({ db, now }: Deps) {
  async function getProject(actor: Actor, id: string): Promise<Project> {
    const row = await repo.findProject(db, actor.customerId, id);
    if (!row || !can(actor, 'projects:read', { customerId: actor.customerId })) {
      throw new DomainError('resource.not_found', { detail: 'Project not found' });
    }
    return toProject(row);
  }

  return {
    async listProjects(actor: Actor, query: ProjectListQuery) {
      const { page, total } = await repo.listProjects(db, actor.customerId, query);
      return { page: { ...page, data: page.data.map(toProject) }, total };
    },

    getProject,

    async updateProject(actor: Actor, id: string, patch: ProjectUpdate): Promise<Project> {
      await db.transaction(async (tx) => {
        const updated = await repo.updateProject(tx, actor.customerId, id, patch, now());
        if (!updated) throw new DomainError('resource.not_found', { detail: 'Project not found' });
        await recordChange(tx, actor, {
          customerId: actor.customerId,
          action: 'project.updated',
          subjectType: 'project',
          subjectId: id,
          changes: patch,
        });
      });
      return getProject(actor, id);
    },
  };
}

/**
 * A new project with the subscription's default limits, and — for the first project of a new
 * customer — the empty flow "My first flow".
 */
export async function createProjectWithFlow(
  tx: Db | Tx,
  input: {
    customerId: string;
    name: string;
    description?: string;
    subscription: Subscription;
    expiresAt?: Date | null;
    flowName?: string;
  },
) {
  const project = await repo.insertProject(tx, {
    customerId: input.customerId,
    name: input.name,
    description: input.description ?? '',
    subscription: input.subscription,
    expiresAt: input.expiresAt ?? null,
    limits: defaultLimits(input.subscription),
  });
  const flow = input.flowName
    ? await repo.insertFlow(tx, { customerId: input.customerId, projectId: project.id, name: input.flowName })
    : undefined;
  return { projectId: project.id, flowId: flow?.id };
}

/** Locks the project and checks that `adding` devices of `type` fit its limits; else the exact error. */
export async function assertDeviceCapacity(
  tx: Db | Tx,
  customerId: string,
  projectId: string,
  type: Pick<DeviceType, 'id' | 'networkTypes'>,
  adding = 1,
  field = 'body.projectId',
): Promise<void> {
  const project = await repo.lockProject(tx, customerId, projectId);
  if (!project) throw new DomainError('request.invalid', {}, { [field]: ['Unknown project'] });
  if (!allowsDeviceType(project.limits, type.id, type.networkTypes))
    throw new DomainError('devices.type_not_allowed');
  const usage = await repo.deviceUsage(tx, projectId);
  if (exceedsDeviceLimit(project.limits, usage, type.networkTypes, adding)) {
    throw new DomainError('devices.limit_reached', {
      detail: 'Device could not be created: The maximum amount of devices for this product has been reached',
    });
  }
}

/** Locks the project and checks one more flow fits. */
export async function assertFlowCapacity(tx: Db | Tx, customerId: string, projectId: string): Promise<void> {
  const project = await repo.lockProject(tx, customerId, projectId);
  if (!project) throw new DomainError('request.invalid', {}, { 'body.projectId': ['Unknown project'] });
  if (exceedsFlowLimit(project.limits, await repo.flowUsage(tx, projectId))) {
    throw new DomainError('flows.limit_reached', {
      detail: 'Flow could not be created: The maximum amount of flows for this product has been reached',
    });
  }
}

/** Locks the project and checks one more destination link fits its destination limit. */
export async function assertDestinationCapacity(
  tx: Db | Tx,
  customerId: string,
  projectId: string,
): Promise<void> {
  const project = await repo.lockProject(tx, customerId, projectId);
  if (!project) throw new DomainError('resource.not_found', { detail: 'Project not found' });
  const max = project.limits.destinations;
  if (max !== null && (await repo.destinationLinkUsage(tx, projectId)) + 1 > max) {
    throw new DomainError('destinations.limit_reached', {
      detail:
        'Destination could not be linked: The maximum amount of destinations for this product has been reached',
    });
  }
}
