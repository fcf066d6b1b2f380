import { Box, Button, Menu, VisuallyHidden } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';

export interface ExportFormat {
  format: 'csv' | 'xlsx';
  /** The download URL of the current view; the browser downloads it, no data passes through the page. */
  href: string;
}

const labels = {
  csv: { label: 'CSV', hint: 'Comma-separated, for any tool', Icon: IconFileTypeCsv },
  xlsx: { label: 'Excel', hint: 'Spreadsheet (.xlsx)', Icon: IconFileSpreadsheet },
} as const;

/** "Export" → CSV / Excel of everything the table's filters match, in its columns. */
export function ExportMenu({ formats }: { formats: readonly ExportFormat[] }) {
  return (
    <Menu position="bottom-end" shadow="md" width={230}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} aria-label="Export">
          <Box component="span" visibleFrom="xs">
            Export
          </Box>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>All matching rows, shown columns</Menu.Label>
        {formats.map(({ format, href }) => {
          const { label, hint, Icon } = labels[format];
          return (
            <Menu.Item key={format} component="a" href={href} download leftSection={<Icon size={16} />}>
              <VisuallyHidden>Export as </VisuallyHidden>
              {label}
              <span className="ot-menu-hint">{hint}</span>
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
