import { Tooltip, type TooltipProps } from '@mantine/core';
import { type ComponentPropsWithoutRef, type ReactNode, useRef, useState } from 'react';

export interface CellTooltipProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** What the tooltip says. */
  label: ReactNode;
  /** The visible content of the trigger. */
  children: ReactNode;
  /** Passed to the tooltip, e.g. `multiline`, `maw`. */
  tooltip?: Partial<Omit<TooltipProps, 'label' | 'children' | 'target' | 'opened'>>;
}

/**
 * A `<span>` with a tooltip on hover, keyboard focus and touch, for content repeated on every row of a
 * table. The tooltip (floating-ui and its listeners) is created on the first hover or focus, not with
 * the row: a page of 100 rows renders 100 plain spans. Escape closes it.
 */
export function CellTooltip({ label, children, tooltip, ...span }: CellTooltipProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const [opened, setOpened] = useState(false);
  const [used, setUsed] = useState(false);
  const show = () => {
    setUsed(true);
    setOpened(true);
  };
  const hide = () => setOpened(false);
  return (
    <>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the listeners only show and hide a tooltip (no action); the caller gives the span its role and tab stop */}
      <span
        ref={ref}
        {...span}
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        onTouchStart={show}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && opened) {
            event.stopPropagation();
            hide();
          }
        }}
      >
        {children}
      </span>
      {used && <Tooltip {...tooltip} label={label} target={ref} opened={opened} />}
    </>
  );
}
