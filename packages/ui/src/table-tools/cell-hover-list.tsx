import { Text, Tooltip } from '@mantine/core';

export interface CellHoverListProps {
  /** The number in the cell, e.g. a flow count. */
  count: number;
  /** The first names behind the number; fewer than `count` when the server sends only a few. */
  items: readonly string[];
  /** What the names are, e.g. "Flows". */
  title: string;
}

/** A count whose names show on hover or keyboard focus ("2" → "Fleet telemetry, Alarms"). */
export function CellHoverList({ count, items, title }: CellHoverListProps) {
  if (count === 0 || items.length === 0) return <Text size="sm">{count}</Text>;
  const more = count - items.length;
  return (
    <Tooltip
      multiline
      maw={280}
      events={{ hover: true, focus: true, touch: true }}
      label={
        <div>
          <Text size="xs" fw={600} mb={2}>
            {title}
          </Text>
          <ul className="ot-hover-list">
            {items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          {more > 0 && <Text size="xs">and {more} more</Text>}
        </div>
      }
    >
      <Text
        component="span"
        size="sm"
        tabIndex={0}
        className="ot-hover-count"
        aria-label={`${count} ${title.toLowerCase()}: ${items.join(', ')}${more > 0 ? ` and ${more} more` : ''}`}
      >
        {count}
      </Text>
    </Tooltip>
  );
}
