import { Badge, Group, Text } from '@mantine/core';
import {
  type LoraIntegration,
  type LoraIntegrationKind,
  loraIntegrationKindLabels,
} from '@openthings/domain';
import { CopyValueButton, DataTable, type DataTableColumn, type DataTableEmptyState } from '@openthings/ui';
import { useMemo } from 'react';
import { formatDate } from '../../lib/format.ts';
import { webhookUrl } from './lora-integrations.api.ts';

const kindColors: Record<LoraIntegrationKind, string> = { chirpstack: 'indigo', thingpark: 'teal' };

export function LoraKindBadge({ kind }: { kind: LoraIntegrationKind }) {
  return (
    <Badge variant="light" color={kindColors[kind]}>
      {loraIntegrationKindLabels[kind]}
    </Badge>
  );
}

function columns(origin: string | undefined): DataTableColumn<LoraIntegration>[] {
  return [
    {
      id: 'name',
      header: 'Name',
      cell: (i) => (
        <Text size="sm" fw={500}>
          {i.name}
        </Text>
      ),
    },
    { id: 'kind', header: 'Network server', width: 180, cell: (i) => <LoraKindBadge kind={i.kind} /> },
    {
      id: 'webhook',
      header: 'Webhook URL',
      cell: (i) => {
        const url = webhookUrl(i, origin);
        return (
          <Group gap={4} wrap="nowrap">
            {/* Whole, on two lines if need be: the id at its end is what tells integrations apart. */}
            <Text
              className="ot-mono"
              miw={260}
              maw={480}
              style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}
            >
              {url}
            </Text>
            <CopyValueButton label={`webhook URL of ${i.name}`} value={url} />
          </Group>
        );
      },
    },
    { id: 'createdAt', header: 'Created', width: 130, cell: (i) => formatDate(i.createdAt) },
  ];
}

export interface LoraIntegrationTableProps {
  /** `undefined` while loading. */
  integrations: readonly LoraIntegration[] | undefined;
  fetching: boolean;
  onOpen: (integration: LoraIntegration) => void;
  empty: DataTableEmptyState;
  /** This portal's public address; the browser's by default. */
  origin?: string;
}

/** The customer's LoRa integrations, oldest first, as the API lists them. */
export function LoraIntegrationTable({
  integrations,
  fetching,
  onOpen,
  empty,
  origin,
}: LoraIntegrationTableProps) {
  const shown = useMemo(() => columns(origin), [origin]);
  return (
    <DataTable<LoraIntegration>
      label="LoRa integrations"
      columns={shown}
      data={integrations}
      getRowId={(i) => i.id}
      fetching={fetching}
      empty={empty}
      onRowActivate={onOpen}
      getRowLabel={(i) => `Open LoRa integration ${i.name}`}
    />
  );
}
