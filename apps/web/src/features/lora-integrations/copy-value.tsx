import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * Copies `value`. It may sit in a table row that opens on click: the click stays with the button, and
 * Enter on the button never reaches the row (the row only reacts to keys pressed on itself).
 */
export function CopyValueButton({ label, value }: { label: string; value: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow>
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

export interface CopyFieldProps {
  label: string;
  value: string;
  /** One line under the value: what it is for. */
  hint?: ReactNode;
  /** Only values the user must paste somewhere get a copy button. */
  copy?: boolean;
}

/** Labelled values to paste into a network server's settings, each with a copy button. */
export function CopyFields({ fields }: { fields: readonly CopyFieldProps[] }) {
  return (
    <dl className="ot-secrets">
      {fields.map((f) => (
        <div key={f.label} className="ot-secret-row">
          <Text component="dt" size="xs" c="dimmed" fw={600}>
            {f.label}
          </Text>
          <Stack component="dd" gap={0}>
            <Group gap={4} wrap="nowrap">
              <Text className="ot-mono" data-testid={`value-${f.label}`} style={{ overflowWrap: 'anywhere' }}>
                {f.value}
              </Text>
              {f.copy !== false && <CopyValueButton label={f.label} value={f.value} />}
            </Group>
            {f.hint && (
              <Text size="xs" c="dimmed">
                {f.hint}
              </Text>
            )}
          </Stack>
        </div>
      ))}
    </dl>
  );
}
