import { MantineProvider } from '@mantine/core';
import type { NotificationsProps } from '@mantine/notifications';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';
import { cssVariablesResolver, theme } from '../theme.ts';

/**
 * The notification outlet and its animation code load after the first paint. A notification shown
 * before the outlet mounts waits in the store and appears once it does. Should the chunk fail to load,
 * the page works on without the outlet.
 */
const Notifications = lazy(async (): Promise<{ default: ComponentType<NotificationsProps> }> => {
  try {
    return { default: (await import('@mantine/notifications')).Notifications };
  } catch {
    return { default: () => null };
  }
});

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
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      env={env}
    >
      {withNotifications && (
        <Suspense fallback={null}>
          <Notifications position="top-right" limit={4} />
        </Suspense>
      )}
      {children}
    </MantineProvider>
  );
}
