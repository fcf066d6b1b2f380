import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { TablerIcon } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface SectionCardProps {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled block of a page. */
export function SectionCard({ title, description, actions, children }: SectionCardProps) {
  return (
    <Card component="section">
      {(title || actions) && (
        <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
          <Stack gap={0} style={{ flex: '1 1 200px', minWidth: 0 }}>
            {title && (
              <Title order={2} fz="md" lh={1.4}>
                {title}
              </Title>
            )}
            {description && (
              <Text size="xs" c="dimmed">
                {description}
              </Text>
            )}
          </Stack>
          {actions}
        </Group>
      )}
      {children}
    </Card>
  );
}

export interface SectionActionProps {
  /** It opens a dialog (said to assistive technology with `aria-haspopup`). */
  opensDialog?: boolean;
  /** Drawn small, left of the label. */
  icon: TablerIcon;
  onClick: () => void;
  children: ReactNode;
}

/** A small button among a section's actions, e.g. "Swap SIM". */
export function SectionAction({ icon: Icon, onClick, children, opensDialog }: SectionActionProps) {
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<Icon size={14} />}
      onClick={onClick}
      aria-haspopup={opensDialog ? 'dialog' : undefined}
    >
      {children}
    </Button>
  );
}
