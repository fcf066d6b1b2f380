import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageHeader } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { ProjectTable } from '../../features/projects/project-table.tsx';
import { projectsQueries } from '../../features/projects/projects.api.ts';
import { cursorFromLink } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { type TableUrlDefaults, useTableUrlState } from '../../lib/table-url.ts';

const TABLE: TableUrlDefaults = {
  sort: { id: 'name', desc: false },
  sortable: ['name', 'subscription', 'expiresAt', 'createdAt'],
};

export function ProjectsPage() {
  useDocumentTitle('Projects · OpenThings');
  const navigate = useNavigate();
  const table = useTableUrlState(TABLE);
  const projects = useQuery(projectsQueries.list({ ...table.query, includeTotal: 'true' }));

  return (
    <>
      <PageHeader title="Projects" description="Each project has its own subscription, limits and devices." />
      {projects.isError && !projects.data ? (
        <ErrorState
          message={errorMessage(projects.error)}
          onRetry={() => projects.refetch()}
          retrying={projects.isFetching}
        />
      ) : (
        <ProjectTable
          page={projects.data}
          fetching={projects.isPlaceholderData}
          sort={table.state.sort}
          onSortChange={table.setSort}
          pagination={{
            pageSize: table.state.limit,
            onPageSizeChange: table.setLimit,
            offset: (table.state.page - 1) * table.state.limit,
            onNext: () => table.goNext(cursorFromLink(projects.data?.links.next)),
            onPrev: () => table.goPrev(cursorFromLink(projects.data?.links.prev)),
          }}
          onOpen={(project) => navigate(`/projects/${project.id}`)}
        />
      )}
    </>
  );
}
