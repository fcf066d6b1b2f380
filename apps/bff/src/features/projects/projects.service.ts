import {
  type Actor,
  can,
  DomainError,
  defaultLimits,
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
    usage: { flows: row.flowCount },
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
