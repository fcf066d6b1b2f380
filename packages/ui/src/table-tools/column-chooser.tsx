import { ActionIcon, Box, Button, Checkbox, Divider, Group, Popover, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconColumns3, IconGripVertical } from '@tabler/icons-react';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';

export interface ChooserColumn {
  id: string;
  header: string;
  /** Always shown (e.g. the name that opens a row): no checkbox. */
  required?: boolean;
}

export interface ColumnChooserProps {
  columns: readonly ChooserColumn[];
  /** The visible columns, by id, in order. */
  value: readonly string[];
  onChange: (value: string[]) => void;
  /** Back to the table's own columns. */
  onReset?: () => void;
}

/** `list` with the item at `from` moved to `to` (indices into `list`). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}

/**
 * Show, hide and order the columns. Shown columns come first, in table order: drag a row by its grip,
 * or use the arrow buttons (the keyboard way). Ticking a hidden column adds it at the end.
 */
export function ColumnChooser({ columns, value, onChange, onReset }: ColumnChooserProps) {
  const [opened, setOpened] = useState(false);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const headingId = useId();
  const byId = new Map(columns.map((c) => [c.id, c]));
  const shown = value.filter((id) => byId.has(id));
  const hidden = columns.filter((c) => !shown.includes(c.id));
  // The order as last asked for: quick clicks (before the caller has passed the new value back — a
  // router navigation may take a few renders) each build on the one before instead of on a stale value.
  // A value from the caller replaces it only when it is not one of the orders asked for meanwhile (a
  // reset, another saved view), so a late echo of an earlier click cannot undo the clicks after it.
  const latest = useRef(shown);
  const asked = useRef(new Set<string>());
  const valueKey = shown.join('\n');
  useEffect(() => {
    if (asked.current.has(valueKey)) {
      if (valueKey === latest.current.join('\n')) asked.current.clear();
      return;
    }
    asked.current.clear();
    latest.current = valueKey === '' ? [] : valueKey.split('\n');
  }, [valueKey]);
  const change = (next: string[]) => {
    latest.current = next;
    asked.current.add(next.join('\n'));
    onChange(next);
  };

  const move = (id: string, by: -1 | 1) => {
    const from = latest.current.indexOf(id);
    change(moveItem(latest.current, from, from + by));
  };
  const hide = (id: string) => change(latest.current.filter((x) => x !== id));
  const show = (id: string) => change([...latest.current, id]);

  const onDragStart = (event: DragEvent<HTMLElement>, id: string) => {
    setDragged(id);
    event.dataTransfer.effectAllowed = 'move';
    // Firefox starts a drag only when some data is set.
    event.dataTransfer.setData('text/plain', id);
  };
  const onDragOver = (event: DragEvent<HTMLElement>, id: string) => {
    if (dragged === null) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (over !== id) setOver(id);
  };
  const onDrop = (event: DragEvent<HTMLElement>, id: string) => {
    event.preventDefault();
    if (dragged !== null && dragged !== id)
      onChange(moveItem(shown, shown.indexOf(dragged), shown.indexOf(id)));
    setDragged(null);
    setOver(null);
  };
  const onDragEnd = () => {
    setDragged(null);
    setOver(null);
  };

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" width={280} trapFocus>
      <Popover.Target>
        <Button
          variant="default"
          leftSection={<IconColumns3 size={16} />}
          onClick={() => setOpened((o) => !o)}
          aria-expanded={opened}
          aria-label="Columns"
        >
          <Box component="span" visibleFrom="xs">
            Columns
          </Box>
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="sm" role="dialog" aria-labelledby={headingId}>
        <Group justify="space-between" mb={6}>
          <Text id={headingId} fw={600} size="sm">
            Columns
          </Text>
          {onReset && (
            <Button variant="subtle" size="compact-xs" onClick={onReset}>
              Reset
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mb={6}>
          Drag to reorder, or use the arrows.
        </Text>
        <Stack gap={2} component="ol" className="ot-column-list" aria-label="Shown columns">
          {shown.map((id, index) => {
            const column = byId.get(id)!;
            return (
              <Group
                key={id}
                component="li"
                gap={6}
                wrap="nowrap"
                className="ot-column-item"
                data-dragging={dragged === id || undefined}
                data-over={(over === id && dragged !== id) || undefined}
                draggable
                onDragStart={(event) => onDragStart(event, id)}
                onDragOver={(event) => onDragOver(event, id)}
                onDrop={(event) => onDrop(event, id)}
                onDragEnd={onDragEnd}
                data-testid={`column-${id}`}
              >
                <IconGripVertical size={14} className="ot-column-grip" aria-hidden />
                <Checkbox
                  size="xs"
                  label={column.header}
                  checked
                  disabled={column.required || shown.length === 1}
                  onChange={() => hide(id)}
                  style={{ flex: 1, minWidth: 0 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Move ${column.header} up`}
                  disabled={index === 0}
                  onClick={() => move(id, -1)}
                >
                  <IconArrowUp size={14} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Move ${column.header} down`}
                  disabled={index === shown.length - 1}
                  onClick={() => move(id, 1)}
                >
                  <IconArrowDown size={14} />
                </ActionIcon>
              </Group>
            );
          })}
        </Stack>
        {hidden.length > 0 && (
          <>
            <Divider my={8} label="Hidden" labelPosition="left" />
            <Stack gap={6} component="ul" className="ot-column-list" aria-label="Hidden columns">
              {hidden.map((column) => (
                <li key={column.id} className="ot-column-item ot-column-item-hidden">
                  <Checkbox
                    size="xs"
                    label={column.header}
                    checked={false}
                    onChange={() => show(column.id)}
                  />
                </li>
              ))}
            </Stack>
          </>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
