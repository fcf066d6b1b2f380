import { Button, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface SelectionBarProps {
  /** Number of selected rows; the bar shows only when it is above zero. */
  count: number;
  /** What the rows are, e.g. `device` / `devices`. */
  noun?: { one: string; other: string };
  onClear: () => void;
  /** The actions for the selected rows (buttons, menus). */
  children: ReactNode;
}

/** Appears above the table while rows are selected, with what can be done to all of them. */
export function SelectionBar({ count, noun, onClear, children }: SelectionBarProps) {
  if (count <= 0) return null;
  const word = noun ? (count === 1 ? noun.one : noun.other) : 'selected';
  return (
    <Paper className="ot-selection-bar" px="sm" py={6} role="toolbar" aria-label="Actions for the selection">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600} aria-live="polite">
            {noun ? `${count} ${word} selected` : `${count} selected`}
          </Text>
          <Group gap={6} wrap="wrap">
            {children}
          </Group>
        </Group>
        <Button variant="subtle" size="xs" color="gray" onClick={onClear}>
          Clear selection
        </Button>
      </Group>
    </Paper>
  );
}
