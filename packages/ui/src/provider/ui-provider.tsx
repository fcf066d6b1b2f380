import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { theme } from '../theme.ts';

export interface UiProviderProps {
  children: ReactNode;
  /** Tests turn notifications off: they render in a portal and animate. */
  withNotifications?: boolean;
  /** `test` turns transitions and portals off, so popovers and menus open at once in unit tests. */
  env?: 'default' | 'test';
}

/** Everything the kit needs around an app: the theme and the notification outlet. */
export function UiProvider({ children, withNotifications = true, env = 'default' }: UiProviderProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" env={env}>
      {withNotifications && <Notifications position="top-right" limit={4} />}
      {children}
    </MantineProvider>
  );
}
