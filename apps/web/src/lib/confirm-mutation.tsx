import { ConfirmDialog } from '@openthings/ui';
import type { UseMutationResult } from '@tanstack/react-query';
import { errorMessage } from './error-messages.ts';

export interface ConfirmMutationProps<T, V> {
  /** What the action is about; `null` keeps the dialog closed. */
  item: T | null;
  title: string;
  /** What happens (while the dialog closes, `item` is already `null`). */
  message: string;
  confirmLabel: string;
  mutation: UseMutationResult<unknown, Error, V>;
  variables: (item: T) => V;
  /** After the action succeeded, e.g. a note and closing, or leaving the page. */
  onDone: (item: T) => void;
  /** Cancelled: the failure of a former try is forgotten. */
  onClose: () => void;
}

/** Asks before a destructive call; says why it failed and stays open, or hands over to `onDone`. */
export function ConfirmMutation<T, V>(props: ConfirmMutationProps<T, V>) {
  const { item, mutation, onClose } = props;
  return (
    <ConfirmDialog
      opened={item !== null}
      title={props.title}
      message={props.message}
      error={mutation.isError && errorMessage(mutation.error)}
      confirmLabel={props.confirmLabel}
      danger
      loading={mutation.isPending}
      onConfirm={() =>
        item && mutation.mutate(props.variables(item), { onSuccess: () => props.onDone(item) })
      }
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
    />
  );
}
