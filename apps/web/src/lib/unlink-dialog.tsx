import { notifySuccess } from '@openthings/ui';
import type { UseMutationResult } from '@tanstack/react-query';
import { ConfirmMutation } from './confirm-mutation.tsx';

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
export function UnlinkDialog<T, V>({ unlink, done, ...props }: UnlinkDialogProps<T, V>) {
  return (
    <ConfirmMutation
      {...props}
      confirmLabel="Unlink"
      mutation={unlink}
      onDone={(item) => {
        notifySuccess(done(item));
        props.onClose();
      }}
    />
  );
}
