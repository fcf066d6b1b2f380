import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface CopyValueButtonProps {
  /** What the value is: the button is named "Copy <label>", then "<label> copied" for a moment. */
  label: string;
  value: string;
}

/**
 * Copies `value` and says so for a moment: a check mark, the tooltip "Copied" and the name "<label>
 * copied". The tooltip also shows on keyboard focus. It may sit in a table row that opens on click: the
 * click stays with the button, and Enter on the button never reaches the row (the row only reacts to keys
 * pressed on itself).
 */
export function CopyValueButton({ label, value }: CopyValueButtonProps) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip
          label={copied ? 'Copied' : `Copy ${label}`}
          withArrow
          events={{ hover: true, focus: true, touch: false }}
        >
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={(event) => {
              event.stopPropagation();
              copy();
            }}
            aria-label={copied ? `${label} copied` : `Copy ${label}`}
          >
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

export interface CopyValueItem {
  label: string;
  value: string;
  /** One line under the value: what it is for. */
  hint?: ReactNode;
  /** `false`: shown without a copy button (a fixed choice, a placeholder); only values to paste get one. */
  copy?: boolean;
}

export interface CopyValueListProps {
  items: readonly CopyValueItem[];
  /** Each value's `data-testid` is this prefix followed by its label. */
  testIdPrefix?: string;
}

/** Labelled values in monospace, one a row, each with a copy button: identifiers, URLs, secrets to paste. */
export function CopyValueList({ items, testIdPrefix = 'value-' }: CopyValueListProps) {
  return (
    <dl className="ot-copy-list">
      {items.map((item) => (
        <div key={item.label} className="ot-copy-row">
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {item.label}
          </Text>
          <Stack component="dd" gap={0}>
            <Group gap={4} wrap="nowrap">
              <Text className="ot-copy-value" data-testid={`${testIdPrefix}${item.label}`}>
                {item.value}
              </Text>
              {item.copy !== false && <CopyValueButton label={item.label} value={item.value} />}
            </Group>
            {item.hint && (
              <Text size="xs" c="dimmed">
                {item.hint}
              </Text>
            )}
          </Stack>
        </div>
      ))}
    </dl>
  );
}
