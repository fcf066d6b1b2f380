import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { type Destination, destinationKindLabels } from '@openthings/domain';
import { type KeyValueItem, KeyValueList, notifySuccess, SectionCard } from '@openthings/ui';
import { IconAlertTriangle, IconCircleCheck, IconPlayerPlay, IconPlugConnected } from '@tabler/icons-react';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DestinationStatus } from './destination-labels.tsx';
import { useActivateDestination, useTestDestinationConnection } from './destinations.api.ts';

const authLabels = {
  none: 'None (the signature is checked)',
  basic: 'Basic authentication',
  bearer: 'Bearer token',
  apiKey: 'API key header',
} as const;

function configurationItems(d: Destination): KeyValueItem[] {
  const items: KeyValueItem[] = [{ label: 'Kind', value: destinationKindLabels[d.kind] }];
  if (d.kind === 'HTTPS') {
    const { config } = d;
    const headers = Object.keys(config.headers);
    items.push(
      { label: 'URL', value: <span className="ot-mono">{`${config.method} ${config.url}`}</span> },
      { label: 'Extra headers', value: headers.length > 0 ? headers.join(', ') : 'None' },
      {
        label: 'Authentication',
        value:
          config.auth.type === 'basic'
            ? `${authLabels.basic} as ${config.auth.username}`
            : config.auth.type === 'apiKey'
              ? `${authLabels.apiKey} ${config.auth.header}`
              : authLabels[config.auth.type],
      },
    );
  }
  if (d.kind === 'MQTT') {
    items.push(
      { label: 'Broker', value: <span className="ot-mono">{d.config.url}</span> },
      { label: 'Topic', value: <span className="ot-mono">{d.config.topic}</span> },
      { label: 'QoS', value: String(d.config.qos) },
      { label: 'Credentials', value: d.config.hasCredentials ? 'Set (not shown)' : 'None' },
    );
  }
  if (d.kind === 'TEST')
    items.push({ label: 'Receives', value: 'The built-in inbox: the last 100 requests' });
  items.push({ label: 'Things-Plug-UUID', value: <span className="ot-mono">{d.signing.plugUuid}</span> });
  if (d.signing.previousSecretUntil)
    items.push({
      label: 'Secret rotation',
      value: `The previous secret also signs (a second webhook-signature) until ${formatDateTime(d.signing.previousSecretUntil)}`,
    });
  return items;
}

/** A reason as a sentence: the platform's reasons come without a full stop. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Whether the destination takes deliveries, why not, and the button that resumes it. */
export function DestinationProcessing({
  destination,
  canWrite,
}: {
  destination: Destination;
  canWrite: boolean;
}) {
  const activate = useActivateDestination();
  const inactive = destination.status === 'INACTIVE';
  return (
    <SectionCard
      title="Processing status"
      description="Deliveries go out while the destination is Active."
      actions={
        canWrite &&
        inactive && (
          <Button
            size="xs"
            leftSection={<IconPlayerPlay size={14} />}
            loading={activate.isPending}
            onClick={() =>
              activate.mutate(destination.id, {
                onSuccess: (d) =>
                  notifySuccess(`"${d.name}" takes deliveries again.`, 'Destination activated'),
              })
            }
          >
            Activate
          </Button>
        )
      }
    >
      <Stack gap="xs">
        <DestinationStatus destination={destination} withReason={false} />
        {inactive && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Inactive">
            {sentence(destination.inactiveReason ?? 'The destination was deactivated')} Messages wait until it
            is activated again.
          </Alert>
        )}
        {!inactive && destination.failingSince && (
          <Text size="sm" c="orange">
            Every delivery has failed since {formatDateTime(destination.failingSince)}. After 5 days of
            failures the destination turns Inactive.
          </Text>
        )}
        {activate.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(activate.error)}
          </Text>
        )}
      </Stack>
    </SectionCard>
  );
}

export function DestinationConfiguration({
  destination,
  canWrite,
}: {
  destination: Destination;
  canWrite: boolean;
}) {
  const test = useTestDestinationConnection();
  const testable = canWrite && destination.kind !== 'TEST';
  return (
    <SectionCard
      title="Configuration"
      actions={
        testable && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlugConnected size={14} />}
            loading={test.isPending}
            onClick={() => test.mutate(destination.id)}
          >
            Test connection
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {test.data && (
          <Alert
            role="status"
            variant="light"
            color={test.data.ok ? 'teal' : 'red'}
            icon={test.data.ok ? <IconCircleCheck size={18} /> : <IconAlertTriangle size={18} />}
            title={test.data.ok ? 'Connection works' : 'Connection failed'}
            withCloseButton
            onClose={() => test.reset()}
          >
            {sentence(test.data.message)}{' '}
            {destination.kind === 'HTTPS' &&
              'The endpoint received one signed test message (webhook-id test_…), not device data.'}
          </Alert>
        )}
        {test.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(test.error)}
          </Text>
        )}
        <KeyValueList items={configurationItems(destination)} labelWidth={150} />
        {destination.description && (
          <Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {destination.description}
            </Text>
          </Group>
        )}
      </Stack>
    </SectionCard>
  );
}
