import { Anchor, Text } from '@mantine/core';
import { networkTypeLabels } from '@openthings/domain';
import { KeyValueList } from '@openthings/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { formatDateTime } from '../../lib/format.ts';
import { DeviceStatus } from './device-status.tsx';
import { devicesQueries } from './devices.api.ts';

/** A device in a few lines, for pages about something else (a SIM): name, type, status, last message. */
export function DeviceSummary({ deviceId }: { deviceId: string }) {
  const device = useQuery(devicesQueries.detail(deviceId));
  if (device.isError) {
    return (
      <Text size="sm" c="dimmed">
        {isApiError(device.error, 404) ? 'The linked device no longer exists.' : errorMessage(device.error)}
      </Text>
    );
  }
  if (!device.data) {
    return (
      <Text size="sm" c="dimmed">
        Loading the device…
      </Text>
    );
  }
  const d = device.data;
  return (
    <KeyValueList
      labelWidth={140}
      items={[
        {
          label: 'Device',
          value: (
            <Anchor component={Link} to={`/devices/${d.id}`} size="sm" fw={500}>
              {d.name}
            </Anchor>
          ),
        },
        { label: 'Type', value: d.deviceType.name },
        { label: 'Status', value: <DeviceStatus status={d.processingStatus} /> },
        {
          label: d.networkType ? `${networkTypeLabels[d.networkType]} identifier` : 'Identifier',
          value: d.primaryIdentifier ? <span className="ot-mono">{d.primaryIdentifier}</span> : '—',
        },
        { label: 'Project', value: d.project.name },
        {
          label: 'Last message',
          value: d.lastMessageAt ? formatDateTime(d.lastMessageAt) : 'No message yet',
        },
      ]}
    />
  );
}
