import { ActionIcon, Box, Group, Stack, Tooltip } from '@mantine/core';
import { IconMaximize, IconMinimize } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef } from 'react';

export interface TableFrameProps {
  /** Names the region, e.g. "Devices". */
  label: string;
  /** Left of the toolbar: search, filters. */
  tools?: ReactNode;
  /** Right of the toolbar: views, columns, export. The full-screen toggle follows them. */
  actions?: ReactNode;
  /** Under the toolbar: the filter chips. */
  chips?: ReactNode;
  /** Over the table while rows are selected. */
  selectionBar?: ReactNode;
  fullScreen: boolean;
  onFullScreenChange: (fullScreen: boolean) => void;
  /** The table. */
  children: ReactNode;
}

/**
 * A table with its toolbar, chips and selection bar, that can take the whole window. Escape leaves full
 * screen — unless it was meant for a menu or dialog opened on top of it.
 */
export function TableFrame(props: TableFrameProps) {
  const { fullScreen, onFullScreenChange } = props;
  const toggleRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!fullScreen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      // Menus, popovers and dialogs render in portals and close themselves on Escape.
      if (target?.closest('[data-portal], [role="dialog"], [role="menu"], [role="listbox"]')) return;
      onFullScreenChange(false);
    };
    document.addEventListener('keydown', onKeyDown);
    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.body.style.overflow = overflow;
    };
  }, [fullScreen, onFullScreenChange]);

  const toggleLabel = fullScreen ? 'Exit full screen' : 'Full screen';
  return (
    <Box
      component="section"
      aria-label={props.label}
      className="ot-table-frame"
      data-fullscreen={fullScreen || undefined}
    >
      <Stack gap="xs" className="ot-table-frame-inner">
        <Group justify="space-between" gap="xs" wrap="wrap" className="ot-table-toolbar">
          <Group gap="xs" wrap="wrap" style={{ flex: '1 1 320px', minWidth: 0 }}>
            {props.tools}
          </Group>
          <Group gap="xs" wrap="wrap">
            {props.actions}
            <Tooltip label={fullScreen ? 'Exit full screen (Esc)' : 'Full screen'}>
              <ActionIcon
                ref={toggleRef}
                variant="default"
                size="input-sm"
                aria-label={toggleLabel}
                aria-pressed={fullScreen}
                onClick={() => onFullScreenChange(!fullScreen)}
              >
                {fullScreen ? <IconMinimize size={16} /> : <IconMaximize size={16} />}
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        {props.chips}
        {props.selectionBar}
        <Box className="ot-table-frame-body">{props.children}</Box>
      </Stack>
    </Box>
  );
}
