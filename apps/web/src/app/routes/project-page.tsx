import { Button } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageLoader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { ProjectOverview } from '../../features/projects/project-overview.tsx';
import { projectsQueries } from '../../features/projects/projects.api.ts';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { setProjectScope } from '../project-scope.ts';

export function ProjectPage() {
  const { projectId = '' } = useParams();
  const user = useSessionUser();
  const project = useQuery(projectsQueries.detail(projectId));
  useDocumentTitle(project.data ? `${project.data.name} · OpenThings` : 'Project · OpenThings');

  // Opening a project chooses it in the project picker, as picking it there opens it.
  useEffect(() => {
    if (project.data) setProjectScope(project.data.id);
  }, [project.data]);

  if (project.data)
    return <ProjectOverview project={project.data} canEdit={hasPermission(user, 'projects:update')} />;
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
