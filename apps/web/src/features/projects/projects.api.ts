import { type ContractQuery, type Project, type ProjectUpdate, projectsContract } from '@openthings/domain';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type ProjectListFilter = NonNullable<ContractQuery<typeof projectsContract.list>>;

export const projectsKeys = {
  all: () => ['projects'] as const,
  lists: () => ['projects', 'list'] as const,
  list: (filter: ProjectListFilter) => ['projects', 'list', filter] as const,
  detail: (id: string) => ['projects', 'detail', id] as const,
};

export const projectsQueries = {
  list: (filter: ProjectListFilter) =>
    queryOptions({
      queryKey: projectsKeys.list(filter),
      queryFn: ({ signal }) => callApi(projectsContract.list, { query: filter, signal }),
      // A new sort or page keeps the rows on screen until the next page is there.
      placeholderData: keepPreviousData,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: projectsKeys.detail(id),
      queryFn: ({ signal }) => callApi(projectsContract.get, { params: { id }, signal }),
    }),
};

export function useUpdateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: ProjectUpdate }) =>
      callApi(projectsContract.update, { params: { id }, body: patch }),
    onSuccess: async (project: Project) => {
      queryClient.setQueryData(projectsKeys.detail(project.id), project);
      await queryClient.invalidateQueries({ queryKey: projectsKeys.all() });
    },
  });
}
