import { EmptyState as MantineEmptyState, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** A way forward: a button or link. */
  action?: ReactNode;
  icon?: ReactNode;
  /** Inside tables and cards: less padding, smaller type. */
  compact?: boolean;
  /** When it is the whole page (nothing found), its title is the page's heading. */
  pageHeading?: boolean;
}

/** Nothing here yet — said plainly, with the next step when there is one. */
export function EmptyState({ title, description, action, icon, compact, pageHeading }: EmptyStateProps) {
  return (
    <MantineEmptyState
      size={compact ? 'sm' : 'md'}
      py={compact ? 'lg' : 'xl'}
      icon={icon ?? <IconInbox size={compact ? 22 : 28} stroke={1.5} />}
      withIndicatorBackground
      title={pageHeading ? <Title order={1}>{title}</Title> : title}
      description={description}
    >
      {action && <MantineEmptyState.Actions>{action}</MantineEmptyState.Actions>}
    </MantineEmptyState>
  );
}
