import {
  type Actor,
  DomainError,
  MAX_VIEWS_PER_TABLE,
  type SavedView,
  type SavedViewCreateSchema,
  type SavedViewUpdate,
  type ViewState,
} from '@openthings/domain';
import type { z } from 'zod';
import type { Deps } from '../../http/types.ts';
import * as repo from './views.repo.ts';

function toView(row: repo.ViewRow): SavedView {
  return {
    id: row.id,
    table: row.tableName as SavedView['table'],
    name: row.name,
    state: row.state as ViewState,
    isDefault: row.isDefault,
    createdAt: row.createdAt.toISOString(),
    modifiedAt: row.modifiedAt.toISOString(),
  };
}

/** Views are personal: an API key has no user, so it has no views. */
function userOf(actor: Actor): string {
  if (actor.kind !== 'user')
    throw new DomainError('auth.forbidden', { detail: 'Saved views belong to signed-in users' });
  return actor.id;
}

const nameInUse = () =>
  new DomainError(
    'state.conflict',
    { detail: 'You already have a view with this name' },
    { 'body.name': ['You already have a view with this name'] },
  );

export function createViewsService({ db, now }: Deps) {
  return {
    async listViews(actor: Actor, table: string): Promise<SavedView[]> {
      return (await repo.listViews(db, userOf(actor), table)).map(toView);
    },

    async getView(actor: Actor, id: string): Promise<SavedView> {
      const row = await repo.findView(db, userOf(actor), id);
      if (!row) throw new DomainError('resource.not_found', { detail: 'View not found' });
      return toView(row);
    },

    async createView(actor: Actor, input: z.output<typeof SavedViewCreateSchema>): Promise<SavedView> {
      const userId = userOf(actor);
      return db.transaction(async (tx) => {
        if ((await repo.countViews(tx, userId, input.table)) >= MAX_VIEWS_PER_TABLE) {
          throw new DomainError('views.limit_reached', {
            detail: `You can save at most ${MAX_VIEWS_PER_TABLE} views per table; delete one first`,
          });
        }
        if (await repo.nameTaken(tx, userId, input.table, input.name)) throw nameInUse();
        if (input.isDefault) await repo.clearDefault(tx, userId, input.table);
        return toView(
          await repo.insertView(tx, {
            customerId: actor.customerId,
            userId,
            tableName: input.table,
            name: input.name,
            state: input.state,
            isDefault: input.isDefault,
          }),
        );
      });
    },

    async updateView(actor: Actor, id: string, patch: SavedViewUpdate): Promise<SavedView> {
      const userId = userOf(actor);
      return db.transaction(async (tx) => {
        const row = await repo.findView(tx, userId, id);
        if (!row) throw new DomainError('resource.not_found', { detail: 'View not found' });
        if (patch.name !== undefined && patch.name !== row.name) {
          if (await repo.nameTaken(tx, userId, row.tableName, patch.name)) throw nameInUse();
        }
        if (patch.isDefault) await repo.clearDefault(tx, userId, row.tableName);
        return toView(await repo.updateView(tx, id, { ...patch, modifiedAt: now() }));
      });
    },

    async deleteView(actor: Actor, id: string): Promise<void> {
      if (!(await repo.deleteView(db, userOf(actor), id)))
        throw new DomainError('resource.not_found', { detail: 'View not found' });
    },
  };
}
