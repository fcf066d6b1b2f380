import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageLoader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { ProjectOverview } from '../../features/projects/project-overview.tsx';
import { projectsQueries } from '../../features/projects/projects.api.ts';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { useChooseProject, useProjectScope } from '../project-scope.ts';

export function ProjectPage() {
  const { projectId = '' } = useParams();
  const user = useSessionUser();
  const project = useQuery(projectsQueries.detail(projectId));
  const scope = useProjectScope();
  const chooseProject = useChooseProject();
  useDocumentTitle(project.data ? `${project.data.name} · OpenThings` : 'Project · OpenThings');

  // Opening a project leaves the project picker as it is (the user chose it, or all projects); the
  // page offers to choose this project there instead.
  if (project.data)
    return (
      <ProjectOverview
        project={project.data}
        canEdit={hasPermission(user, 'projects:update')}
        scopeAction={
          scope !== project.data.id && (
            <Button variant="default" onClick={() => chooseProject(project.data.id)}>
              Work in this project
            </Button>
          )
        }
      />
    );
  if (project.isError) {
    // An id that is not a uuid is answered 400: for the user it is just as missing.
    const missing = isApiError(project.error, 404) || isApiError(project.error, 400);
    return (
      <ErrorState
        title={missing ? 'Project not found' : 'The project could not be loaded'}
        message={missing ? 'This project does not exist, or you cannot see it.' : errorMessage(project.error)}
        onRetry={missing ? undefined : () => project.refetch()}
        retrying={project.isFetching}
        action={
          <Button component={Link} to="/projects" variant="subtle">
            All projects
          </Button>
        }
      />
    );
  }
  return <PageLoader label="Loading project" />;
}
