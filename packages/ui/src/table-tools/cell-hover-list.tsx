import { CellTooltip } from './cell-tooltip.tsx';

export interface CellHoverListProps {
  /** The number in the cell, e.g. a flow count. */
  count: number;
  /** The first names behind the number; fewer than `count` when the server sends only a few. */
  items: readonly string[];
  /** What the names are, e.g. "Flows". */
  title: string;
}

const TOOLTIP = { multiline: true, maw: 280 } as const;

/** A count whose names show on hover or keyboard focus ("2" → "Fleet telemetry, Alarms"). */
export function CellHoverList({ count, items, title }: CellHoverListProps) {
  if (count === 0 || items.length === 0) return <span>{count}</span>;
  const more = count - items.length;
  return (
    <CellTooltip
      tooltip={TOOLTIP}
      label={
        <div>
          <div className="ot-hover-list-title">{title}</div>
          <ul className="ot-hover-list">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          {more > 0 && <div className="ot-hover-list-more">and {more} more</div>}
        </div>
      }
      tabIndex={0}
      className="ot-hover-count"
      aria-label={`${count} ${title.toLowerCase()}: ${items.join(', ')}${more > 0 ? ` and ${more} more` : ''}`}
    >
      {count}
    </CellTooltip>
  );
}
