import { Alert, Button, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  type Device,
  type DeviceType,
  type DeviceUpdate,
  DeviceUpdateSchema,
  type NetworkAdapter,
  networkTypeLabels,
} from '@openthings/domain';
import { type KeyValueItem, KeyValueList, notifySuccess, SectionCard } from '@openthings/ui';
import { type FormEvent, useState } from 'react';
import { fieldErrorsOf, formErrorsOf } from '../../../lib/form-errors.ts';
import { useUpdateDevice } from '../devices.api.ts';
import { NetworkForm } from '../network-form.tsx';
import { type RevealedValue, revealedValues, SecretsReveal } from '../secrets-reveal.tsx';
import { DeviceMqttAccess } from './device-mqtt-access.tsx';
import { LoraPlanChange } from './lora-plan-change.tsx';

export interface DeviceConfigurationProps {
  device: Device;
  type: DeviceType | undefined;
  adapters: readonly NetworkAdapter[] | undefined;
  canWrite: boolean;
}

/** Stays mounted across saves (keyed by device), so the saved values become its new starting point. */
function DetailsForm({ device }: { device: Device }) {
  const update = useUpdateDevice();
  const [name, setName] = useState(device.name);
  const [description, setDescription] = useState(device.description);
  const [barcode, setBarcode] = useState(device.barcode ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const changed =
    name !== device.name || description !== device.description || barcode !== (device.barcode ?? '');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    // PATCH only what changed; an emptied barcode is removed.
    const patch: DeviceUpdate = {};
    if (name !== device.name) patch.name = name;
    if (description !== device.description) patch.description = description;
    if (barcode !== (device.barcode ?? '')) patch.barcode = barcode.trim() === '' ? null : barcode;
    const parsed = DeviceUpdateSchema.safeParse(patch);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    setErrors({});
    update.mutate(
      { id: device.id, patch: parsed.data },
      {
        onSuccess: (saved) => notifySuccess(`"${saved.name}" was saved.`, 'Device saved'),
        onError: (error) => {
          const split = formErrorsOf(error, ['name', 'description', 'barcode']);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Device details">
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Name"
          required
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          error={errors.description}
        />
        <TextInput
          label="Barcode"
          value={barcode}
          maxLength={100}
          onChange={(event) => setBarcode(event.currentTarget.value)}
          error={errors.barcode}
        />
        <Group justify="flex-end" gap="xs">
          <Button
            variant="default"
            disabled={!changed || update.isPending}
            onClick={() => {
              setName(device.name);
              setDescription(device.description);
              setBarcode(device.barcode ?? '');
              setErrors({});
            }}
          >
            Undo changes
          </Button>
          <Button type="submit" disabled={!changed} loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function adapterItems(adapter: NetworkAdapter) {
  const mono = (value: string) => <span className="ot-mono">{value}</span>;
  const items: KeyValueItem[] = [{ label: 'Network', value: networkTypeLabels[adapter.type] }];
  if (adapter.devEui) items.push({ label: 'DevEUI', value: mono(adapter.devEui) });
  if (adapter.appEui) items.push({ label: 'AppEUI', value: mono(adapter.appEui) });
  if (adapter.imei) items.push({ label: 'IMEI', value: mono(adapter.imei) });
  if (adapter.iccid) items.push({ label: 'ICCID', value: mono(adapter.iccid) });
  if (adapter.dvnUuid) items.push({ label: 'DvnUUID', value: mono(adapter.dvnUuid) });
  items.push({ label: 'URN', value: mono(adapter.urn) });
  if (adapter.type !== 'LORA')
    items.push({ label: 'Shared secret', value: adapter.hasSharedSecret ? 'Set (not shown)' : 'None' });
  return items;
}

/** Name, description and barcode; the network information, whose identifiers never change. */
export function DeviceConfiguration({ device, type, adapters, canWrite }: DeviceConfigurationProps) {
  const [revealed, setRevealed] = useState<RevealedValue[] | null>(null);
  const missing = type?.networkTypes.filter((n) => !adapters?.some((a) => a.type === n)) ?? [];
  const canAdd = canWrite && type !== undefined && missing.length > 0 && !device.deviceType.managed;
  const mqttUrn = adapters?.find((a) => a.type !== 'LORA')?.urn;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <SectionCard
        title="Details"
        description={canWrite ? undefined : 'You can view, not change, this device.'}
      >
        {canWrite ? (
          <DetailsForm key={device.id} device={device} />
        ) : (
          <KeyValueList
            items={[
              { label: 'Name', value: device.name },
              { label: 'Description', value: device.description || '—' },
              { label: 'Barcode', value: device.barcode || '—' },
            ]}
          />
        )}
      </SectionCard>
      <Stack gap="md">
        <SectionCard title="Network information" description="Identifiers cannot change once they are set.">
          {adapters && adapters.length === 0 && (
            <Text size="sm" c="dimmed">
              No network information yet.
            </Text>
          )}
          <Stack gap="md">
            {adapters?.map((adapter) => (
              <Stack key={adapter.id} gap="sm">
                <KeyValueList items={adapterItems(adapter)} labelWidth={120} />
                {adapter.type === 'LORA' && (
                  <LoraPlanChange device={device} adapter={adapter} canWrite={canWrite} />
                )}
              </Stack>
            ))}
          </Stack>
        </SectionCard>
        {/* MQTT is how M2M and internet devices talk to the broker; LoRa devices come through their network server. */}
        {mqttUrn && <DeviceMqttAccess deviceId={device.id} urn={mqttUrn} canWrite={canWrite} />}
        {/* The secrets stay on screen after the adapters refetch: the device then misses no network,
            but the user has not copied them yet. */}
        {revealed ? (
          <SectionCard title="Generated network information">
            <Stack gap="sm">
              <SecretsReveal values={revealed} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setRevealed(null)}>
                  I have copied them
                </Button>
              </Group>
            </Stack>
          </SectionCard>
        ) : (
          canAdd && (
            <SectionCard title="Add network information">
              <NetworkForm
                device={device}
                type={{ ...type, networkTypes: missing }}
                onAdded={(result) => {
                  const values = revealedValues(result);
                  notifySuccess('The network information was added.');
                  if (values.length > 0) setRevealed(values);
                }}
              />
            </SectionCard>
          )
        )}
      </Stack>
    </SimpleGrid>
  );
}
