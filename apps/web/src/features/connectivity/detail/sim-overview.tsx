import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { findCommunicationPlan, findRatePlan, type Sim } from '@openthings/domain';
import { ConfirmDialog, KeyValueList, notifySuccess, SectionAction, SectionCard } from '@openthings/ui';
import { IconLink, IconLinkOff, IconReplace, IconSettings } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { errorMessage } from '../../../lib/error-messages.ts';
import { formatBytes, formatDateTime, formatNumber } from '../../../lib/format.ts';
import { SimStatusBadge } from '../sim-status.tsx';
import { useSimDevice } from '../sims.api.ts';
import { SimPlansDialog } from './sim-plans-dialog.tsx';
import { SimStatusChange } from './sim-status-change.tsx';
import { SimSwapDialog } from './sim-swap-dialog.tsx';

export interface SimOverviewProps {
  sim: Sim;
  projectName: string | undefined;
  canWrite: boolean;
  /** The device in this SIM, in a few lines (from the devices feature). */
  deviceSummary: (deviceId: string) => ReactNode;
  /** A device picker (from the devices feature). */
  renderDevicePicker: (props: {
    value: string | null;
    onChange: (id: string | null) => void;
    error: string | null;
  }) => ReactNode;
}

function LinkDeviceDialog({
  sim,
  opened,
  onClose,
  renderDevicePicker,
}: {
  sim: Sim;
  opened: boolean;
  onClose: () => void;
  renderDevicePicker: SimOverviewProps['renderDevicePicker'];
}) {
  const link = useSimDevice();
  const [deviceId, setDeviceId] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title="Link device" size="md">
      <Stack gap="sm">
        <Text size="sm">Choose the M2M device this SIM is in. A device holds one SIM.</Text>
        {link.isError && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(link.error)}
          </Alert>
        )}
        {renderDevicePicker({
          value: deviceId,
          onChange: (id) => {
            setDeviceId(id);
            setMissing(false);
          },
          error: missing ? 'Choose a device' : null,
        })}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose} disabled={link.isPending}>
            Cancel
          </Button>
          <Button
            loading={link.isPending}
            onClick={() => {
              if (!deviceId) {
                setMissing(true);
                return;
              }
              link.mutate(
                { id: sim.id, deviceId },
                {
                  onSuccess: () => {
                    notifySuccess(`SIM ${sim.iccid} is linked.`);
                    onClose();
                  },
                },
              );
            }}
          >
            Link device
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Dialog = 'plans' | 'swap' | 'link' | 'unlink' | null;

/** A SIM: its summary and the device it is in, with what can be changed about either. */
export function SimOverview({
  sim,
  projectName,
  canWrite,
  deviceSummary,
  renderDevicePicker,
}: SimOverviewProps) {
  const unlink = useSimDevice();
  const [dialog, setDialog] = useState<Dialog>(null);
  const retired = sim.status === 'RETIRED';
  const comm = findCommunicationPlan(sim.communicationPlan);
  const rate = findRatePlan(sim.ratePlan);

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SectionCard
        title="SIM"
        description={sim.lastSyncAt ? `Read from the carrier ${formatDateTime(sim.lastSyncAt)}.` : undefined}
        actions={
          canWrite && (
            <Group gap="xs">
              {!retired && (
                <SectionAction icon={IconSettings} opensDialog onClick={() => setDialog('plans')}>
                  Change plans
                </SectionAction>
              )}
              <SimStatusChange sim={sim} />
            </Group>
          )
        }
      >
        <KeyValueList
          labelWidth={160}
          items={[
            { label: 'ICCID', value: <span className="ot-mono">{sim.iccid}</span> },
            { label: 'Status', value: <SimStatusBadge status={sim.status} /> },
            { label: 'Communication plan', value: comm?.name ?? sim.communicationPlan },
            { label: 'Rate plan', value: rate?.name ?? sim.ratePlan },
            { label: 'APN', value: <span className="ot-mono">{sim.apn}</span> },
            { label: 'IMEI', value: sim.imei ? <span className="ot-mono">{sim.imei}</span> : '—' },
            {
              label: 'Last message',
              value: sim.lastMessageAt ? formatDateTime(sim.lastMessageAt) : 'None yet',
            },
            { label: 'Usage', value: `${formatBytes(sim.usage.bytes)} · ${formatNumber(sim.usage.sms)} SMS` },
            { label: 'Project', value: projectName ?? (sim.projectId ? '—' : 'No project') },
            {
              label: 'Last synchronisation',
              value: sim.lastSyncAt ? formatDateTime(sim.lastSyncAt) : 'Never',
            },
          ]}
        />
      </SectionCard>
      <SectionCard
        title="Device"
        actions={
          canWrite &&
          !retired && (
            <Group gap="xs">
              {sim.deviceId ? (
                <>
                  <SectionAction icon={IconReplace} opensDialog onClick={() => setDialog('swap')}>
                    Swap SIM
                  </SectionAction>
                  <SectionAction
                    icon={IconLinkOff}
                    onClick={() => {
                      unlink.reset();
                      setDialog('unlink');
                    }}
                  >
                    Unlink device
                  </SectionAction>
                </>
              ) : (
                <SectionAction icon={IconLink} opensDialog onClick={() => setDialog('link')}>
                  Link device
                </SectionAction>
              )}
            </Group>
          )
        }
      >
        {sim.deviceId ? (
          deviceSummary(sim.deviceId)
        ) : (
          <Text size="sm" c="dimmed">
            {retired ? 'Not linked. A retired SIM cannot be linked again.' : 'Not linked to a device.'}
          </Text>
        )}
      </SectionCard>

      <SimPlansDialog sim={sim} opened={dialog === 'plans'} onClose={() => setDialog(null)} />
      <SimSwapDialog sim={sim} opened={dialog === 'swap'} onClose={() => setDialog(null)} />
      {dialog === 'link' && (
        <LinkDeviceDialog
          sim={sim}
          opened
          onClose={() => setDialog(null)}
          renderDevicePicker={renderDevicePicker}
        />
      )}
      <ConfirmDialog
        opened={dialog === 'unlink'}
        title="Unlink device"
        message={`SIM ${sim.iccid} is unlinked from its device and stays in the account. The device sends no data over M2M until a SIM is linked again.`}
        error={unlink.isError && errorMessage(unlink.error)}
        confirmLabel="Unlink device"
        danger
        loading={unlink.isPending}
        onConfirm={() =>
          unlink.mutate(
            { id: sim.id, deviceId: null },
            {
              onSuccess: () => {
                notifySuccess(`SIM ${sim.iccid} is unlinked.`);
                setDialog(null);
              },
            },
          )
        }
        onCancel={() => setDialog(null)}
      />
    </SimpleGrid>
  );
}
