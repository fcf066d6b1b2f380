import { type ContractQuery, usersContract } from '@openthings/domain';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { callApi } from '../../lib/api.ts';

export type UserListFilter = NonNullable<ContractQuery<typeof usersContract.list>>;

export const usersKeys = {
  all: () => ['users'] as const,
  list: (filter: UserListFilter) => ['users', 'list', filter] as const,
};

export const usersQueries = {
  list: (filter: UserListFilter) =>
    queryOptions({
      queryKey: usersKeys.list(filter),
      queryFn: ({ signal }) => callApi(usersContract.list, { query: filter, signal }),
      placeholderData: keepPreviousData,
    }),
};
