import { Badge, Group, List, ScrollArea, SegmentedControl, Table, Text } from '@mantine/core';
import type { BulkValidation } from '@openthings/domain';
import { useState } from 'react';

/** At most this many rows are drawn; the counts always cover the whole file. */
const SHOWN = 200;

type Show = 'all' | 'invalid' | 'valid';

/** Every row of the file with its verdict: valid, or each reason it is not. */
export function BulkValidationTable({ validation }: { validation: BulkValidation }) {
  const [show, setShow] = useState<Show>(validation.invalidRows > 0 ? 'invalid' : 'all');
  const rows = validation.rows.filter((r) =>
    show === 'all' ? true : show === 'invalid' ? r.errors.length > 0 : r.errors.length === 0,
  );
  return (
    <>
      <Group justify="space-between" mb="xs" wrap="wrap" gap="xs">
        <Group gap="xs">
          <Badge color="teal" size="lg">
            {validation.validRows} valid
          </Badge>
          <Badge color={validation.invalidRows > 0 ? 'red' : 'gray'} size="lg">
            {validation.invalidRows} invalid
          </Badge>
        </Group>
        <SegmentedControl
          size="xs"
          aria-label="Rows to show"
          value={show}
          onChange={(next) => setShow(next as Show)}
          data={[
            { value: 'all', label: `All rows (${validation.rows.length})` },
            { value: 'invalid', label: `Invalid (${validation.invalidRows})` },
            { value: 'valid', label: `Valid (${validation.validRows})` },
          ]}
        />
      </Group>
      <ScrollArea type="auto">
        <Table verticalSpacing={6} fz="sm" striped aria-label="Rows of the file" miw={560}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th style={{ width: 60 }}>Row</Table.Th>
              {validation.columns.map((c) => (
                <Table.Th key={c}>{c}</Table.Th>
              ))}
              <Table.Th>Result</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.slice(0, SHOWN).map((row) => (
              <Table.Tr key={row.rowNumber} data-invalid={row.errors.length > 0 || undefined}>
                <Table.Td>{row.rowNumber}</Table.Td>
                {validation.columns.map((c) => (
                  <Table.Td key={c} className={c === 'name' || c === 'description' ? undefined : 'ot-mono'}>
                    {row.values[c] ?? ''}
                  </Table.Td>
                ))}
                <Table.Td>
                  {row.errors.length === 0 ? (
                    <Text size="sm" c="teal">
                      Valid
                    </Text>
                  ) : (
                    <List size="sm" c="red" spacing={0}>
                      {row.errors.map((e) => (
                        <List.Item key={e}>{e}</List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {rows.length > SHOWN && (
        <Text size="xs" c="dimmed" mt="xs">
          Showing the first {SHOWN} of {rows.length} rows.
        </Text>
      )}
    </>
  );
}
