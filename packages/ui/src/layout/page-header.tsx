import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export interface PageHeaderProps {
  title: ReactNode;
  /** One line under the title. */
  description?: ReactNode;
  /** Shown next to the title, e.g. a status badge. */
  badge?: ReactNode;
  /** Above the title, e.g. a link back to the list. */
  back?: ReactNode;
  /** Buttons on the right. */
  actions?: ReactNode;
}

/** The top of every page: where you are and what you can do here. */
export function PageHeader({ title, description, badge, back, actions }: PageHeaderProps) {
  return (
    <Box component="header" mb="md">
      {back && <Box mb={4}>{back}</Box>}
      <Group justify="space-between" align="center" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            <Title order={1} style={{ overflowWrap: 'anywhere' }}>
              {title}
            </Title>
            {badge}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Box>
  );
}
