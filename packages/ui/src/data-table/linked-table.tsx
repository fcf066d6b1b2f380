import { Button, Table, Text } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyState, type EmptyStateProps } from '../layout/empty-state.tsx';

export interface LinkedTableColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Counts sit on the right. */
  align?: 'right';
  /** Font weight of the cell, e.g. 500 for a name that is not a link. */
  fw?: number;
}

export interface LinkedTableProps<T extends { id: string }> {
  /** Accessible name of the table. */
  label: string;
  /** `undefined` while they load. */
  rows: readonly T[] | undefined;
  /** Said while the rows load, e.g. "Loading flows…". */
  loadingText: string;
  /** Shown, compact, when nothing is linked. */
  empty: Pick<EmptyStateProps, 'icon' | 'title' | 'description'>;
  columns: readonly LinkedTableColumn<T>[];
  /** With it, every row ends in an "Unlink" button. */
  unlink?: { label: (row: T) => string; onClick: (row: T) => void };
}

const right = { textAlign: 'right' } as const;

/** The few things linked to a record (flows of a device, destinations of a flow…), each to unlink. */
export function LinkedTable<T extends { id: string }>(props: LinkedTableProps<T>) {
  const { rows, columns, unlink } = props;
  if (rows === undefined) {
    return (
      <Text size="sm" c="dimmed">
        {props.loadingText}
      </Text>
    );
  }
  if (rows.length === 0) return <EmptyState compact {...props.empty} />;
  return (
    <Table verticalSpacing={6} fz="sm" aria-label={props.label}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column) => (
            <Table.Th key={column.header} style={column.align === 'right' ? right : undefined}>
              {column.header}
            </Table.Th>
          ))}
          {unlink && <Table.Th aria-label="Actions" />}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.id}>
            {columns.map((column) => (
              <Table.Td
                key={column.header}
                fw={column.fw}
                style={column.align === 'right' ? right : undefined}
              >
                {column.cell(row)}
              </Table.Td>
            ))}
            {unlink && (
              <Table.Td style={{ textAlign: 'right', width: 1 }}>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  leftSection={<IconLinkOff size={14} />}
                  aria-label={unlink.label(row)}
                  aria-haspopup="dialog"
                  onClick={() => unlink.onClick(row)}
                >
                  Unlink
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
