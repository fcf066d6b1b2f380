import { Group, Stack, Text } from '@mantine/core';
import type { LoraIntegration } from '@openthings/domain';
import { ConfirmDialog, CopyValueButton, KeyValueList, notifySuccess, SectionCard } from '@openthings/ui';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoraIntegrationSetup } from './lora-integration-setup.tsx';
import { LoraKindBadge } from './lora-integration-table.tsx';
import { useDeleteLoraIntegration, webhookUrl } from './lora-integrations.api.ts';

export interface LoraIntegrationOverviewProps {
  integration: LoraIntegration;
  /** This portal's public address; the browser's by default. */
  origin?: string;
}

/** The integration's webhook and how to set up its network server; the secret is never shown here. */
export function LoraIntegrationOverview({ integration: i, origin }: LoraIntegrationOverviewProps) {
  const url = webhookUrl(i, origin);
  return (
    <Stack gap="md">
      <SectionCard title="Webhook">
        <KeyValueList
          labelWidth={150}
          items={[
            { label: 'Network server', value: <LoraKindBadge kind={i.kind} /> },
            {
              label: 'Webhook URL',
              value: (
                <Group gap={4} wrap="nowrap">
                  <Text className="ot-mono" data-testid="webhook-url" style={{ overflowWrap: 'anywhere' }}>
                    {url}
                  </Text>
                  <CopyValueButton label="webhook URL" value={url} />
                </Group>
              ),
            },
            { label: 'Integration id', value: <span className="ot-mono">{i.id}</span> },
            { label: 'Created', value: formatDateTime(i.createdAt) },
            { label: 'Modified', value: formatDateTime(i.modifiedAt) },
          ]}
        />
      </SectionCard>
      <LoraIntegrationSetup integration={i} origin={origin} />
    </Stack>
  );
}

export interface DeleteLoraIntegrationDialogProps {
  integration: LoraIntegration;
  opened: boolean;
  onCancel: () => void;
  onDeleted: () => void;
  origin?: string;
}

/** Asks before deleting: from then on the network server's requests are refused. */
export function DeleteLoraIntegrationDialog({
  integration: i,
  opened,
  onCancel,
  onDeleted,
  origin,
}: DeleteLoraIntegrationDialogProps) {
  const remove = useDeleteLoraIntegration();
  return (
    <ConfirmDialog
      opened={opened}
      title="Delete LoRa integration"
      message={
        <>
          {`"${i.name}" is deleted and its webhook refuses uplinks from then on: the network server gets 404 at `}
          <span className="ot-mono" style={{ overflowWrap: 'anywhere' }}>
            {webhookUrl(i, origin)}
          </span>
          {
            ', so its messages are lost unless you point it at another integration first. The devices and the data they already sent stay. This cannot be undone.'
          }
          {remove.isError && (
            <Text component="span" display="block" c="red" mt="xs" role="alert">
              {errorMessage(remove.error)}
            </Text>
          )}
        </>
      }
      confirmLabel="Delete integration"
      danger
      loading={remove.isPending}
      onConfirm={() =>
        remove.mutate(i.id, {
          onSuccess: () => {
            notifySuccess(`"${i.name}" was deleted; its webhook refuses uplinks now.`, 'Integration deleted');
            onDeleted();
          },
        })
      }
      onCancel={() => {
        remove.reset();
        onCancel();
      }}
    />
  );
}
