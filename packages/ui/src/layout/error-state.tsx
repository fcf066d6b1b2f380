import { Button, EmptyState as MantineEmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface ErrorStateProps {
  title?: ReactNode;
  /** What went wrong, in a sentence the user understands. */
  message: ReactNode;
  /** Offers "Try again" when given. */
  onRetry?: () => void;
  retrying?: boolean;
  /** Another way out, e.g. a link home. */
  action?: ReactNode;
}

/** Loading failed: say so, and offer to try again. */
export function ErrorState({
  title = 'Something went wrong',
  message,
  onRetry,
  retrying,
  action,
}: ErrorStateProps) {
  return (
    <MantineEmptyState
      role="alert"
      py="xl"
      variant="light"
      color="red"
      icon={<IconAlertTriangle size={26} stroke={1.5} />}
      title={title}
      description={message}
    >
      {(onRetry || action) && (
        <MantineEmptyState.Actions>
          {onRetry && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              onClick={onRetry}
              loading={retrying}
            >
              Try again
            </Button>
          )}
          {action}
        </MantineEmptyState.Actions>
      )}
    </MantineEmptyState>
  );
}
