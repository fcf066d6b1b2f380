import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A short confirmation that something the user asked for happened. */
export function notifySuccess(message: ReactNode, title?: ReactNode): void {
  notifications.show({
    message,
    title,
    color: 'teal',
    icon: <IconCheck size={16} />,
    autoClose: 4000,
  });
}

/** Something the user asked for failed and the page has no better place to say so. */
export function notifyError(message: ReactNode, title?: ReactNode): void {
  notifications.show({
    message,
    title,
    color: 'red',
    icon: <IconAlertTriangle size={16} />,
    autoClose: 8000,
  });
}
