import type { NotificationData } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * The notifications package is not part of the pages that may notify: it is the chunk of UiProvider's
 * outlet, loaded right after the first paint. Without it (the chunk failed to load) there is no outlet
 * to show the message in.
 */
function show(data: NotificationData): void {
  import('@mantine/notifications').then(
    ({ notifications }) => notifications.show(data),
    () => undefined,
  );
}

/** A short confirmation that something the user asked for happened. */
export function notifySuccess(message: ReactNode, title?: ReactNode): void {
  show({
    message,
    title,
    color: 'teal',
    icon: <IconCheck size={16} />,
    autoClose: 4000,
  });
}

/** Something the user asked for failed and the page has no better place to say so. */
export function notifyError(message: ReactNode, title?: ReactNode): void {
  show({
    message,
    title,
    color: 'red',
    icon: <IconAlertTriangle size={16} />,
    autoClose: 8000,
  });
}
