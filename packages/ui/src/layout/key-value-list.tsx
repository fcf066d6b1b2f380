import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

export interface KeyValueItem {
  label: string;
  value: ReactNode;
}

export interface KeyValueListProps {
  items: readonly KeyValueItem[];
  /** Minimum width of the label column. */
  labelWidth?: number | string;
}

/** Labelled facts, label left and value right; a description list for screen readers. */
export function KeyValueList({ items, labelWidth = 160 }: KeyValueListProps) {
  return (
    <DataList size="sm" gap={8} labelWidth={labelWidth}>
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel c="dimmed">{item.label}</DataList.ItemLabel>
          <DataList.ItemValue>{item.value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
