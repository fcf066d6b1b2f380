import { Anchor, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  type Device,
  findCommunicationPlan,
  findRatePlan,
  type NetworkAdapter,
  simStatusLabels,
} from '@openthings/domain';
import { ConfirmDialog, KeyValueList, notifySuccess, SectionAction, SectionCard } from '@openthings/ui';
import { IconKey, IconLink, IconLinkOff, IconReplace } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../lib/error-messages.ts';
import { formatBytes, formatDateTime, formatNumber } from '../../../lib/format.ts';
import { devicesQueries, useRegenerateSecret, useSimLink, useUpdateAdapter } from '../devices.api.ts';
import { SecretsReveal } from '../secrets-reveal.tsx';
import { SimPickDialog } from './sim-pick-dialog.tsx';

export interface DeviceM2mTabProps {
  device: Device;
  adapter: NetworkAdapter;
  canWrite: boolean;
  /** The SIM pages are open to this user. */
  canOpenSims: boolean;
}

type Dialog = 'switch' | 'link' | 'unlink' | 'regenerate' | null;

/** The device's SIM and shared secret: switch or unlink the SIM, link connectivity, new secret. */
export function DeviceM2mTab({ device, adapter, canWrite, canOpenSims }: DeviceM2mTabProps) {
  const sim = useQuery({
    ...devicesQueries.simByIccid(adapter.iccid ?? ''),
    enabled: adapter.iccid !== null,
  });
  const simLink = useSimLink();
  const updateAdapter = useUpdateAdapter();
  const regenerate = useRegenerateSecret();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [newSecret, setNewSecret] = useState<string | null>(null);
  const current = sim.data ?? null;
  const linked = current !== null && current.deviceId === device.id;

  const open = (next: Dialog) => {
    setError(null);
    setDialog(next);
  };
  const done = (message: string) => {
    notifySuccess(message);
    setDialog(null);
  };
  const fail = (failure: unknown) => setError(errorMessage(failure));

  /** Puts the SIM with `iccid` in the device: the SIM it already names is relinked, another replaces it. */
  const putSim = (iccid: string, message: string) => {
    if (current && iccid === adapter.iccid) {
      simLink.mutate(
        { simId: current.id, deviceId: device.id },
        { onSuccess: () => done(message), onError: fail },
      );
    } else {
      updateAdapter.mutate(
        { deviceId: device.id, adapterId: adapter.id, patch: { iccid } },
        { onSuccess: () => done(message), onError: fail },
      );
    }
  };

  const simItems = current
    ? [
        {
          label: 'ICCID',
          value: canOpenSims ? (
            <Anchor component={Link} to={`/connectivity/sims/${current.id}`} className="ot-mono">
              {current.iccid}
            </Anchor>
          ) : (
            <span className="ot-mono">{current.iccid}</span>
          ),
        },
        { label: 'Status', value: simStatusLabels[current.status] },
        {
          label: 'Communication plan',
          value: findCommunicationPlan(current.communicationPlan)?.name ?? current.communicationPlan,
        },
        { label: 'Rate plan', value: findRatePlan(current.ratePlan)?.name ?? current.ratePlan },
        { label: 'APN', value: <span className="ot-mono">{current.apn}</span> },
        {
          label: 'Last data session',
          value: current.lastMessageAt ? formatDateTime(current.lastMessageAt) : 'None yet',
        },
        {
          label: 'Usage',
          value: `${formatBytes(current.usage.bytes)} · ${formatNumber(current.usage.sms)} SMS`,
        },
      ]
    : [];

  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SectionCard
        title="SIM"
        description={linked ? 'The SIM in this device, as last read from the carrier.' : undefined}
        actions={
          canWrite && (
            <Group gap="xs">
              {linked ? (
                <>
                  <SectionAction icon={IconReplace} opensDialog onClick={() => open('switch')}>
                    Switch SIM
                  </SectionAction>
                  <SectionAction icon={IconLinkOff} opensDialog onClick={() => open('unlink')}>
                    Unlink SIM
                  </SectionAction>
                </>
              ) : (
                <SectionAction icon={IconLink} opensDialog onClick={() => open('link')}>
                  Link connectivity
                </SectionAction>
              )}
            </Group>
          )
        }
      >
        {sim.isPending && adapter.iccid ? (
          <Text size="sm" c="dimmed">
            Loading the SIM…
          </Text>
        ) : linked ? (
          <KeyValueList items={simItems} labelWidth={150} />
        ) : (
          <Stack gap={4}>
            <Text size="sm">No SIM of this account is linked to the device.</Text>
            {adapter.iccid && (
              <Text size="sm" c="dimmed">
                {current
                  ? `It was set up with SIM ${adapter.iccid}, which is not linked to it now.`
                  : `It was set up with early access SIM ${adapter.iccid}, which is not in this account.`}
              </Text>
            )}
          </Stack>
        )}
      </SectionCard>
      <SectionCard
        title="Device"
        actions={
          canWrite && (
            <SectionAction icon={IconKey} opensDialog onClick={() => open('regenerate')}>
              Regenerate shared secret
            </SectionAction>
          )
        }
      >
        <KeyValueList
          items={[
            { label: 'IMEI', value: <span className="ot-mono">{adapter.imei ?? adapter.identifier}</span> },
            { label: 'URN', value: <span className="ot-mono">{adapter.urn}</span> },
            { label: 'Shared secret', value: adapter.hasSharedSecret ? 'Set (not shown)' : 'None' },
          ]}
          labelWidth={150}
        />
      </SectionCard>

      <SimPickDialog
        opened={dialog === 'switch' || dialog === 'link'}
        title={dialog === 'switch' ? 'Switch SIM' : 'Link connectivity'}
        message={
          dialog === 'switch'
            ? `A new SIM went into ${device.name}: choose it. The SIM ${adapter.iccid ?? ''} stays in the account, unlinked.`
            : `Choose the SIM that is in ${device.name}.`
        }
        confirmLabel={dialog === 'switch' ? 'Switch SIM' : 'Link SIM'}
        initialIccid={dialog === 'link' ? adapter.iccid : null}
        busy={simLink.isPending || updateAdapter.isPending}
        error={error}
        onConfirm={(iccid) =>
          putSim(iccid, dialog === 'switch' ? 'The SIM was switched.' : 'The SIM was linked.')
        }
        onClose={() => setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog === 'unlink'}
        title="Unlink SIM"
        message={`SIM ${current?.iccid ?? ''} is unlinked from ${device.name} and stays in the account. The device sends no data over M2M until a SIM is linked again.`}
        error={error}
        confirmLabel="Unlink SIM"
        danger
        loading={simLink.isPending}
        onConfirm={() =>
          current &&
          simLink.mutate(
            { simId: current.id, deviceId: null },
            { onSuccess: () => done('The SIM was unlinked.'), onError: fail },
          )
        }
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        opened={dialog === 'regenerate'}
        title="Regenerate shared secret"
        message="The current secret stops working at once: messages signed with it are refused until the device uses the new one."
        error={error}
        confirmLabel="Regenerate"
        danger
        loading={regenerate.isPending}
        onConfirm={() =>
          regenerate.mutate(
            { deviceId: device.id, adapterId: adapter.id },
            {
              onSuccess: (result) => {
                setDialog(null);
                setNewSecret(result.sharedSecret);
              },
              onError: fail,
            },
          )
        }
        onCancel={() => setDialog(null)}
      />
      <Modal
        opened={newSecret !== null}
        onClose={() => setNewSecret(null)}
        title="New shared secret"
        size="lg"
      >
        {newSecret && (
          <Stack gap="md">
            <SecretsReveal values={[{ label: 'Shared secret', value: newSecret, secret: true }]} />
            <Group justify="flex-end">
              <Button onClick={() => setNewSecret(null)}>Close</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </SimpleGrid>
  );
}
