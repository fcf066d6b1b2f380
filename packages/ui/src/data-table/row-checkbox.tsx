import { type KeyboardEvent, useEffect, useRef } from 'react';

export interface RowCheckboxProps {
  /** The accessible name, e.g. "Select Boiler room sensor". */
  label: string;
  checked: boolean;
  indeterminate?: boolean;
  disabled?: boolean;
  onChange(): void;
  onKeyDown?(event: KeyboardEvent<HTMLInputElement>): void;
}

/**
 * The selection box of a table row: a native checkbox in the theme's colour (`.ot-row-check`). A table
 * shows one per row, so it is a plain element rather than a component with its own wrapper, label and
 * styles engine — the same look in the header and on every row.
 */
export function RowCheckbox({
  label,
  checked,
  indeterminate = false,
  disabled,
  onChange,
  onKeyDown,
}: RowCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // `indeterminate` is a property only (no attribute), set after every render that changes it.
    if (ref.current) ref.current.indeterminate = indeterminate;
  }, [indeterminate]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="ot-row-check"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={onChange}
      onKeyDown={onKeyDown}
    />
  );
}
