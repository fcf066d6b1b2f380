import { Anchor, Group, ScrollArea, SegmentedControl, SimpleGrid, Table, Text } from '@mantine/core';
import type { BulkReport } from '@openthings/domain';
import { KeyValueList, SectionCard } from '@openthings/ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format.ts';
import { BulkProgress } from './bulk-progress.tsx';
import { BulkStatus } from './bulk-reports-table.tsx';

type Row = {
  rowNumber: number;
  values: Record<string, string>;
  status: 'pending' | 'created' | 'failed';
  deviceId: string | null;
  error: string | null;
};
type Show = 'all' | 'created' | 'failed';

const SHOWN = 500;

/** One bulk run: target, progress, and every row — created (with its device) or failed (with why). */
export function BulkReportDetail({ report }: { report: BulkReport & { rows: Row[] } }) {
  const [show, setShow] = useState<Show>(report.failedRows > 0 ? 'failed' : 'all');
  const rows = report.rows.filter((r) => show === 'all' || r.status === show);
  const columns = [...new Set(report.rows.flatMap((r) => Object.keys(r.values)))].filter(
    (c) => c !== 'sharedSecret',
  );
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" mb="md">
        <SectionCard title="Run">
          <KeyValueList
            items={[
              { label: 'Status', value: <BulkStatus report={report} /> },
              { label: 'Device type', value: report.deviceType.name },
              { label: 'Project', value: report.project.name },
              { label: 'Flow', value: report.flow?.name ?? 'None' },
              { label: 'Uploaded', value: formatDateTime(report.createdAt) },
              { label: 'Finished', value: report.finishedAt ? formatDateTime(report.finishedAt) : '—' },
            ]}
          />
        </SectionCard>
        <SectionCard title="Outcome">
          <BulkProgress report={report} withReportLink={false} />
        </SectionCard>
      </SimpleGrid>
      <SectionCard
        title="Rows"
        actions={
          <SegmentedControl
            size="xs"
            aria-label="Rows to show"
            value={show}
            onChange={(next) => setShow(next as Show)}
            data={[
              { value: 'all', label: `All (${report.totalRows})` },
              { value: 'created', label: `Created (${report.createdRows})` },
              { value: 'failed', label: `Failed (${report.failedRows})` },
            ]}
          />
        }
      >
        <ScrollArea type="auto">
          <Table verticalSpacing={6} fz="sm" striped aria-label="Rows of the run" miw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ width: 60 }}>Row</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c}>{c}</Table.Th>
                ))}
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.slice(0, SHOWN).map((row) => (
                <Table.Tr key={row.rowNumber}>
                  <Table.Td>{row.rowNumber}</Table.Td>
                  {columns.map((c) => (
                    <Table.Td key={c} className={c === 'name' || c === 'description' ? undefined : 'ot-mono'}>
                      {c === 'name' && row.deviceId ? (
                        <Anchor component={Link} to={`/devices/${row.deviceId}`} size="sm">
                          {row.values[c]}
                        </Anchor>
                      ) : (
                        (row.values[c] ?? '')
                      )}
                    </Table.Td>
                  ))}
                  <Table.Td>
                    {row.status === 'created' && (
                      <Text size="sm" c="teal">
                        Created
                      </Text>
                    )}
                    {row.status === 'pending' && (
                      <Text size="sm" c="dimmed">
                        Waiting
                      </Text>
                    )}
                    {row.status === 'failed' && (
                      <Text size="sm" c="red">
                        {row.error ?? 'Failed'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        {rows.length === 0 && (
          <Group justify="center" py="md">
            <Text size="sm" c="dimmed">
              No rows here.
            </Text>
          </Group>
        )}
        {rows.length > SHOWN && (
          <Text size="xs" c="dimmed" mt="xs">
            Showing the first {SHOWN} of {rows.length} rows.
          </Text>
        )}
      </SectionCard>
    </>
  );
}
