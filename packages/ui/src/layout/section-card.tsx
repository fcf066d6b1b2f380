import { Card, Group, Stack, Text, Title } from '@mantine/core';
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
