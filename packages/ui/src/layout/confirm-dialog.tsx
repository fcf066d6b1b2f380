import { Button, Group, Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface ConfirmDialogProps {
  opened: boolean;
  title: string;
  message: ReactNode;
  /** Why the confirmed action failed, shown in red under the message (the dialog stays open). */
  error?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Red confirm button, for deleting and other things that cannot be undone. */
  danger?: boolean;
  /** The confirmed action is running: the confirm button spins and the dialog stays open. */
  loading?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before doing something that matters. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { opened, title, message, error, confirmLabel, cancelLabel = 'Cancel', danger, loading } = props;
  return (
    <Modal opened={opened} onClose={props.onCancel} title={title} size="sm" closeOnClickOutside={!loading}>
      <Text size="sm">
        {message}
        {error ? (
          <Text component="span" display="block" c="red" mt="xs" role="alert">
            {error}
          </Text>
        ) : null}
      </Text>
      <Group justify="flex-end" mt="lg" gap="xs">
        {/* Focus starts on the safe choice: Enter on a dialog that just opened never confirms. */}
        <Button variant="default" onClick={props.onCancel} disabled={loading} data-autofocus>
          {cancelLabel}
        </Button>
        <Button color={danger ? 'red' : undefined} onClick={props.onConfirm} loading={loading}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
