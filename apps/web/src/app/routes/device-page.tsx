import { Anchor, Button, Group, Tabs } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ManagedMarker, notifySuccess, PageHeader, PageLoader } from '@openthings/ui';
import { IconArrowLeft, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { hasPermission } from '../../features/auth/auth.api.ts';
import { useSessionUser } from '../../features/auth/session-context.tsx';
import { DeviceConfiguration } from '../../features/devices/detail/device-configuration.tsx';
import { DeviceLoraTab } from '../../features/devices/detail/device-lora-tab.tsx';
import { DeviceM2mTab } from '../../features/devices/detail/device-m2m-tab.tsx';
import { DeviceOverview } from '../../features/devices/detail/device-overview.tsx';
import { DeviceStatus } from '../../features/devices/device-status.tsx';
import { devicesQueries, useDeleteDevice } from '../../features/devices/devices.api.ts';
import { DeviceFlows } from '../../features/flows/device-flows.tsx';
import { DeviceDataHistory } from '../../features/insight/device-data-history.tsx';
import { ConfirmMutation } from '../../lib/confirm-mutation.tsx';
import { RecordLoadError } from '../../lib/record-load-error.tsx';
import { useTabParam } from '../../lib/tab-param.ts';

const back = (
  <Anchor component={Link} to="/devices" size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} />
      All devices
    </Group>
  </Anchor>
);

const TABS = ['overview', 'flows', 'configuration', 'm2m', 'lora', 'history'] as const;
type Tab = (typeof TABS)[number];

export function DevicePage() {
  const { deviceId = '' } = useParams();
  const user = useSessionUser();
  const navigate = useNavigate();
  const tabs = useTabParam<Tab>('overview');
  // The router starts these three with the page's code (`prefetchDevicePage`); the page renders once
  // all of them have answered, not once per answer.
  const device = useQuery(devicesQueries.detail(deviceId));
  const adapters = useQuery(devicesQueries.adapters(deviceId));
  const types = useQuery(devicesQueries.types());
  // Only the Flows and Data history tabs show the device's flows.
  const flowsShown = ['flows', 'history'].includes(tabs.current(TABS));
  const flows = useQuery({ ...devicesQueries.flows(deviceId), enabled: device.isSuccess && flowsShown });
  const remove = useDeleteDevice();
  const [confirmDelete, setConfirmDelete] = useState(false);
  useDocumentTitle(device.data ? `${device.data.name} · OpenThings` : 'Device · OpenThings');

  if (device.isError) return <RecordLoadError title="Device" back={back} noun="device" query={device} />;
  if (!device.data || adapters.isPending || types.isPending) return <PageLoader label="Loading device" />;

  const d = device.data;
  const canWrite = hasPermission(user, 'devices:write');
  const canDelete = hasPermission(user, 'devices:delete') && !d.deviceType.managed;
  const m2m = adapters.data?.find((a) => a.type === 'M2M');
  const lora = adapters.data?.find((a) => a.type === 'LORA');
  const available: Tab[] = [
    'overview',
    'flows',
    'configuration',
    ...(m2m ? ['m2m' as const] : []),
    ...(lora ? ['lora' as const] : []),
    'history',
  ];
  const tab = tabs.current(available);
  const tabHref = (next: Tab) => `/devices/${d.id}${next === 'overview' ? '' : `?tab=${next}`}`;

  return (
    <>
      <PageHeader
        back={back}
        title={
          <>
            {d.name}
            {d.deviceType.managed && <ManagedMarker label="Managed device: bought from the operator" />}
          </>
        }
        badge={<DeviceStatus status={d.processingStatus} />}
        description={`${d.deviceType.name} · ${d.project.name}`}
        actions={
          canDelete && (
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              aria-haspopup="dialog"
              onClick={() => setConfirmDelete(true)}
            >
              Delete
            </Button>
          )
        }
      />
      <Tabs value={tab} onChange={tabs.set} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">Overview</Tabs.Tab>
          <Tabs.Tab value="flows">Flows</Tabs.Tab>
          <Tabs.Tab value="configuration">Configuration</Tabs.Tab>
          {m2m && <Tabs.Tab value="m2m">M2M</Tabs.Tab>}
          {lora && <Tabs.Tab value="lora">LoRa</Tabs.Tab>}
          <Tabs.Tab value="history">Data history</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <DeviceOverview
            device={d}
            type={types.data?.find((t) => t.id === d.deviceType.id)}
            adapters={adapters.data}
            canWrite={canWrite}
            flowsHref={tabHref('flows')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="flows">
          <DeviceFlows
            device={d}
            flows={flows.data}
            canWrite={canWrite && hasPermission(user, 'flows:write')}
          />
        </Tabs.Panel>
        <Tabs.Panel value="configuration">
          <DeviceConfiguration
            device={d}
            type={types.data?.find((t) => t.id === d.deviceType.id)}
            adapters={adapters.data}
            canWrite={canWrite}
          />
        </Tabs.Panel>
        {m2m && (
          <Tabs.Panel value="m2m">
            <DeviceM2mTab
              device={d}
              adapter={m2m}
              canWrite={canWrite && hasPermission(user, 'connectivity:write')}
              canOpenSims={hasPermission(user, 'connectivity:read')}
            />
          </Tabs.Panel>
        )}
        {lora && (
          <Tabs.Panel value="lora">
            <DeviceLoraTab device={d} adapter={lora} canWrite={canWrite} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="history">
          <DeviceDataHistory device={d} flows={flows.data} />
        </Tabs.Panel>
      </Tabs>
      <ConfirmMutation
        item={confirmDelete ? d : null}
        title="Delete device"
        message={`"${d.name}" is deleted permanently, with its network registration and history. This cannot be undone.`}
        confirmLabel="Delete device"
        mutation={remove}
        variables={(device) => device.id}
        onDone={(device) => {
          notifySuccess(`"${device.name}" was deleted.`, 'Device deleted');
          navigate('/devices', { replace: true });
        }}
        onClose={() => setConfirmDelete(false)}
      />
    </>
  );
}
