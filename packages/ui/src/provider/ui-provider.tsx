import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { theme } from '../theme.ts';

export interface UiProviderProps {
  children: ReactNode;
  /** Tests turn notifications off: they render in a portal and animate. */
  withNotifications?: boolean;
}

/** Everything the kit needs around an app: the theme and the notification outlet. */
export function UiProvider({ children, withNotifications = true }: UiProviderProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {withNotifications && <Notifications position="top-right" limit={4} />}
      {children}
    </MantineProvider>
  );
}
