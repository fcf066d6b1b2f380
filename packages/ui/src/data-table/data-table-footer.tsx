import { ActionIcon, Group, NativeSelect, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useId } from 'react';
import { type DataTablePagination, PAGE_SIZE_OPTIONS } from './data-table.types.ts';

const count = new Intl.NumberFormat();

/** "1–50 of 312" when the position is known, "50 of 312" or "50 rows" otherwise. */
export function rangeText(rows: number, offset: number | undefined, total: number | undefined): string {
  const of = total === undefined ? '' : ` of ${count.format(total)}`;
  if (rows === 0) return total === undefined ? 'No rows' : `0${of}`;
  if (offset === undefined) return total === undefined ? `${count.format(rows)} rows` : `${rows}${of}`;
  return `${count.format(offset + 1)}–${count.format(offset + rows)}${of}`;
}

/** `rows` is undefined while the first page loads. */
export function DataTableFooter({
  pagination,
  rows,
}: {
  pagination: DataTablePagination;
  rows: number | undefined;
}) {
  const selectId = useId();
  const options = pagination.pageSizeOptions ?? PAGE_SIZE_OPTIONS;
  return (
    <Group justify="space-between" gap="sm" px="sm" py={6} wrap="wrap">
      <Group gap="xs" wrap="nowrap">
        <Text component="label" htmlFor={selectId} size="xs" c="dimmed">
          Rows per page
        </Text>
        <NativeSelect
          id={selectId}
          size="xs"
          w={76}
          value={String(pagination.pageSize)}
          data={options.map(String)}
          onChange={(event) => pagination.onPageSizeChange(Number(event.currentTarget.value))}
        />
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Text size="xs" c="dimmed" aria-live="polite" data-testid="data-table-range">
          {rows === undefined ? 'Loading…' : rangeText(rows, pagination.offset, pagination.total)}
        </Text>
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Previous page"
          disabled={!pagination.hasPrev}
          onClick={pagination.onPrev}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
        <ActionIcon
          variant="default"
          size="md"
          aria-label="Next page"
          disabled={!pagination.hasNext}
          onClick={pagination.onNext}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
      </Group>
    </Group>
  );
}
