import { projectsContract } from '@openthings/domain';
import { toPage } from '../../http/pagination.ts';
import type { ApiRouter } from '../../http/router.ts';
import type { createProjectsService } from './projects.service.ts';

export function projectsRoutes(router: ApiRouter, projects: ReturnType<typeof createProjectsService>): void {
  router.handle(projectsContract.list, async ({ actor, query, c }) => {
    const { page, total } = await projects.listProjects(actor, query);
    return toPage(c, page, total);
  });
  router.handle(projectsContract.get, ({ actor, params }) => projects.getProject(actor, params.id));
  router.handle(projectsContract.update, ({ actor, params, body }) =>
    projects.updateProject(actor, params.id, body),
  );
}
