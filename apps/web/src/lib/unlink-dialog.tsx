import { ConfirmDialog, notifySuccess } from '@openthings/ui';
import type { UseMutationResult } from '@tanstack/react-query';
import { errorMessage } from './error-messages.ts';

export interface UnlinkDialogProps<T, V> {
  /** The row to unlink; `null` keeps the dialog closed. */
  item: T | null;
  title: string;
  /** What stops once it is unlinked (while the dialog closes, `item` is already `null`). */
  message: string;
  /** The link mutation, called with `link: false` by `variables`. */
  unlink: UseMutationResult<unknown, Error, V>;
  variables: (item: T) => V;
  /** The note shown once it is unlinked. */
  done: (item: T) => string;
  onClose: () => void;
}

/** "Unlink …?" for a row of a linked table: says why it failed and stays open, or closes with a note. */
export function UnlinkDialog<T, V>(props: UnlinkDialogProps<T, V>) {
  const { item, unlink, onClose } = props;
  return (
    <ConfirmDialog
      opened={item !== null}
      title={props.title}
      message={props.message}
      error={unlink.isError && errorMessage(unlink.error)}
      confirmLabel="Unlink"
      danger
      loading={unlink.isPending}
      onConfirm={() =>
        item &&
        unlink.mutate(props.variables(item), {
          onSuccess: () => {
            notifySuccess(props.done(item));
            onClose();
          },
        })
      }
      onCancel={() => {
        unlink.reset();
        onClose();
      }}
    />
  );
}
