import { Alert, Anchor, Stack } from '@mantine/core';
import { IconDeviceMobile } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ReportedState } from './reported-state.tsx';
import { UplinkHistory } from './uplink-history.tsx';

/** While the tab is on screen new data shows up by itself. */
const REFRESH_MS = 10_000;

export interface DeviceDataHistoryProps {
  device: { id: string; urn: string | null; networkType: string | null };
  /** The flows the device is in, to name the flow of each decoding. */
  flows: readonly { id: string; name: string }[] | undefined;
}

/** The device page's Data history tab: the reported state, then every uplink as stored. */
export function DeviceDataHistory({ device, flows }: DeviceDataHistoryProps) {
  const flowNames = new Map((flows ?? []).map((f) => [f.id, f.name]));
  return (
    <Stack gap="md">
      {device.networkType === 'INTERNET' && (
        <Alert variant="light" color="brand" icon={<IconDeviceMobile size={18} />} p="sm">
          No data yet, or want to see the pipeline at work? Send measurements as this device from your phone
          with the{' '}
          <Anchor component={Link} to={`/simulator/${device.id}`} size="sm" fw={500}>
            device simulator
          </Anchor>
          .
        </Alert>
      )}
      <ReportedState deviceId={device.id} urn={device.urn} refreshMs={REFRESH_MS} />
      <UplinkHistory deviceId={device.id} urn={device.urn} flowNames={flowNames} refreshMs={REFRESH_MS} />
    </Stack>
  );
}
