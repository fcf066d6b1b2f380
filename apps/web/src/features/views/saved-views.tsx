import { MAX_VIEWS_PER_TABLE, type ViewState } from '@openthings/domain';
import { SavedViewsMenu } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { errorMessage } from '../../lib/error-messages.ts';
import {
  fromViewState,
  type ListUrlConfig,
  type ListUrlState,
  sameView,
  toViewState,
} from '../../lib/list-url.ts';
import { useViewMutations, type ViewTable, viewsQueries } from './views.api.ts';

export interface SavedViewsProps {
  table: ViewTable;
  config: ListUrlConfig;
  state: ListUrlState;
  /** The URL already says what to show: the default view does not take over. */
  hasViewState: boolean;
  applyView: (id: string, view: ViewState, options?: { replace?: boolean }) => void;
  backToMain: () => void;
  setView: (view: string | null) => void;
}

/** A sentence the views menu can show for a failed call. */
async function explained<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw new Error(errorMessage(error));
  }
}

/**
 * The user's saved views of a table, stored on the server. Opening the table without a view in the
 * URL shows the default view, if there is one; the URL then names it, so a reload keeps it.
 */
export function SavedViews(props: SavedViewsProps) {
  const { table, config, state } = props;
  const views = useQuery(viewsQueries.list(table));
  const { create, update, remove } = useViewMutations(table);
  const opened = useRef(false);

  useEffect(() => {
    if (opened.current || !views.data) return;
    opened.current = true;
    if (props.hasViewState) return;
    const preferred = views.data.find((v) => v.isDefault);
    if (preferred) props.applyView(preferred.id, preferred.state, { replace: true });
  }, [views.data, props.hasViewState, props.applyView]);

  const active = views.data?.find((v) => v.id === state.view) ?? null;
  const modified = active !== null && !sameView(state, fromViewState(active.state, config), config);

  return (
    <SavedViewsMenu
      views={views.data}
      activeId={active?.id ?? null}
      modified={modified}
      max={MAX_VIEWS_PER_TABLE}
      onApply={(id) => {
        const view = views.data?.find((v) => v.id === id);
        if (view) props.applyView(view.id, view.state);
      }}
      onMain={props.backToMain}
      onSave={async ({ name, makeDefault }) => {
        const saved = await explained(
          create.mutateAsync({ table, name, state: toViewState(state, config), isDefault: makeDefault }),
        );
        props.setView(saved.id);
      }}
      onUpdate={(id) => explained(update.mutateAsync({ id, patch: { state: toViewState(state, config) } }))}
      onRename={(id, name) => explained(update.mutateAsync({ id, patch: { name } }))}
      onSetDefault={(id, isDefault) => explained(update.mutateAsync({ id, patch: { isDefault } }))}
      onDelete={async (id) => {
        await explained(remove.mutateAsync(id));
        if (state.view === id) props.setView(null);
      }}
    />
  );
}
