import { Anchor, Box, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, PageLoader } from '@openthings/ui';
import { IconArrowLeft, IconCpu } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { authQueries, hasPermission } from '../../features/auth/auth.api.ts';
import { DeviceSimulator } from '../../features/simulator/device-simulator.tsx';
import { simulatorQueries } from '../../features/simulator/simulator.api.ts';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';

/** Minimal chrome for a phone: the product, the page, and a way back to the portal. */
function SimulatorFrame({ back, children }: { back: string; children: ReactNode }) {
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size={560} px="md" py={10}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap={8} wrap="nowrap">
              <Box className="ot-product-mark" aria-hidden>
                <IconCpu size={16} stroke={2} />
              </Box>
              <Text fw={700} size="md">
                Device simulator
              </Text>
            </Group>
            <Anchor component={Link} to={back} size="sm">
              <Group gap={4} component="span" wrap="nowrap">
                <IconArrowLeft size={14} />
                Portal
              </Group>
            </Anchor>
          </Group>
        </Container>
      </Box>
      <Container size={560} px="md" py="md" component="main">
        {children}
      </Container>
    </Box>
  );
}

/** `/simulator/:deviceId`: the phone is the device. Signed in, but outside the portal's frame. */
export function SimulatorPage() {
  const { deviceId = '' } = useParams();
  const user = useQuery(authQueries.me());
  const device = useQuery(simulatorQueries.device(deviceId));
  const adapters = useQuery({ ...simulatorQueries.adapters(deviceId), enabled: device.isSuccess });
  useDocumentTitle(device.data ? `${device.data.name} · Device simulator` : 'Device simulator · OpenThings');

  if (device.isError || adapters.isError) {
    const error = device.error ?? adapters.error;
    const missing = isApiError(error, 404) || isApiError(error, 400);
    return (
      <SimulatorFrame back="/simulator">
        <ErrorState
          title={missing ? 'Device not found' : 'The device could not be loaded'}
          message={missing ? 'This device does not exist, or you cannot see it.' : errorMessage(error)}
          onRetry={missing ? undefined : () => void Promise.all([device.refetch(), adapters.refetch()])}
          retrying={device.isFetching || adapters.isFetching}
          action={
            <Button component={Link} to="/simulator" variant="subtle">
              Choose another device
            </Button>
          }
        />
      </SimulatorFrame>
    );
  }
  if (!device.data || !adapters.data || !user.data) return <PageLoader label="Loading device" />;

  const d = device.data;
  const internet = adapters.data.find((a) => a.type === 'INTERNET');
  return (
    <SimulatorFrame back={`/devices/${d.id}`}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={1} fz="xl">
            {d.name}
          </Title>
          <Text size="sm" c="dimmed">
            {d.deviceType.name} · {d.project.name}
          </Text>
          {internet && (
            <Text size="xs" c="dimmed" className="ot-mono" style={{ overflowWrap: 'anywhere' }}>
              DvnUUID {internet.dvnUuid}
            </Text>
          )}
        </Stack>
        {internet ? (
          <DeviceSimulator
            device={d}
            adapterId={internet.id}
            urn={internet.urn}
            canRegenerate={hasPermission(user.data, 'devices:write')}
          />
        ) : (
          <ErrorState
            title="Not an internet device"
            message={
              d.networkType
                ? 'Only internet devices can be simulated here: this device connects over another network.'
                : 'Add the device’s internet network information (its DvnUUID) first.'
            }
            action={
              <Button component={Link} to={`/devices/${d.id}`} variant="default">
                Open the device
              </Button>
            }
          />
        )}
      </Stack>
    </SimulatorFrame>
  );
}
