import {
  Alert,
  Button,
  Group,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import {
  DEFAULT_LORA_CONNECTIVITY_PLAN_ID,
  type Device,
  type DeviceType,
  type NetworkAdapterCreatedSchema,
  NetworkAdapterCreateSchema,
  type NetworkType,
  networkTypeLabels,
} from '@openthings/domain';
import { IconKey } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf, formErrorsOf } from '../../lib/form-errors.ts';
import { devicesQueries, useCreateAdapter } from './devices.api.ts';
import { LoraPlanSelect } from './lora-plan-select.tsx';
import { generateSharedSecret } from './shared-secret.ts';

export type NetworkAdapterCreated = z.output<typeof NetworkAdapterCreatedSchema>;

const FIELDS = [
  'devEui',
  'appEui',
  'appKey',
  'connectivityPlanId',
  'imei',
  'iccid',
  'dvnUuid',
  'sharedSecret',
];
const EARLY_ACCESS = '__early_access__';

export interface NetworkFormProps {
  device: Device;
  type: DeviceType;
  onAdded: (result: NetworkAdapterCreated) => void;
  /** The other way out, e.g. "Finish without adding network". */
  secondaryAction?: ReactNode;
  submitLabel?: string;
}

function SharedSecretField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  return (
    <TextInput
      label="Shared secret"
      description="At least 32 characters with upper and lower case, a digit and a special character. Leave it empty to have one generated and shown once."
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      autoComplete="off"
      spellCheck={false}
      classNames={{ input: 'ot-mono' }}
      inputContainer={(input) => (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
          <Button
            variant="default"
            leftSection={<IconKey size={14} />}
            onClick={() => onChange(generateSharedSecret())}
          >
            Generate
          </Button>
        </Group>
      )}
    />
  );
}

/**
 * Network information of a device, one network at a time: LoRa (generated or given keys and a
 * connectivity plan), M2M (IMEI, a SIM of the account or an early-access ICCID, shared secret) or
 * Internet (DvnUUID, shared secret). Checked with NetworkAdapterCreateSchema before it is sent.
 */
export function NetworkForm({
  device,
  type,
  onAdded,
  secondaryAction,
  submitLabel = 'Add network info',
}: NetworkFormProps) {
  const create = useCreateAdapter();
  const [network, setNetwork] = useState<NetworkType>(type.networkTypes[0] ?? 'INTERNET');
  const [devEui, setDevEui] = useState('');
  const [appEui, setAppEui] = useState('');
  const [appKey, setAppKey] = useState('');
  const [planId, setPlanId] = useState<string>(DEFAULT_LORA_CONNECTIVITY_PLAN_ID);
  const [imei, setImei] = useState('');
  const [simChoice, setSimChoice] = useState<string | null>(null);
  const [earlyIccid, setEarlyIccid] = useState('');
  const [dvnUuid, setDvnUuid] = useState<string>(() => crypto.randomUUID());
  const [sharedSecret, setSharedSecret] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const freeSims = useQuery({ ...devicesQueries.freeSims(), enabled: network === 'M2M' });
  const generated = network === 'LORA' && type.loraProvisioning === 'generated';
  const earlyAccess = simChoice === EARLY_ACCESS;

  const body = () => {
    const secret = sharedSecret.trim() === '' ? {} : { sharedSecret };
    if (network === 'LORA') {
      return generated
        ? { type: 'LORA' as const }
        : { type: 'LORA' as const, devEui, appEui, appKey, connectivityPlanId: planId };
    }
    if (network === 'M2M') {
      return {
        type: 'M2M' as const,
        imei,
        iccid: earlyAccess ? earlyIccid : (simChoice ?? ''),
        earlyAccess,
        ...secret,
      };
    }
    return { type: 'INTERNET' as const, dvnUuid, ...secret };
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const parsed = NetworkAdapterCreateSchema.safeParse(body());
    if (!parsed.success) {
      const fields = fieldErrorsOf(parsed.error);
      if (network === 'M2M' && !earlyAccess && fields.iccid)
        fields.iccid = 'Choose a SIM, or add an early access SIM';
      setErrors(fields);
      return;
    }
    setErrors({});
    create.mutate(
      { deviceId: device.id, body: parsed.data },
      {
        onSuccess: onAdded,
        onError: (error) => {
          const split = formErrorsOf(error, FIELDS);
          setErrors(split.fields);
          setFormError(split.form);
        },
      },
    );
  };

  const simOptions = [
    ...(freeSims.data ?? []).map((sim) => ({ value: sim.iccid, label: sim.iccid })),
    { value: EARLY_ACCESS, label: 'Add early access SIM…' },
  ];

  return (
    <form onSubmit={submit} noValidate aria-label="Network information">
      <Stack gap="md" maw={640}>
        {type.networkTypes.length > 1 && (
          <SegmentedControl
            aria-label="Network"
            value={network}
            onChange={(next) => {
              setNetwork(next as NetworkType);
              setErrors({});
            }}
            data={type.networkTypes.map((n) => ({ value: n, label: networkTypeLabels[n] }))}
          />
        )}
        {formError && (
          <Alert color="red" variant="light" role="alert" title="The network information was not added">
            {formError}
          </Alert>
        )}

        {network === 'LORA' && generated && (
          <Text size="sm">
            This is a programmable device: the platform generates its DevEUI, AppEUI and AppKey. You program
            them into the device; they are shown once, on the next screen.
          </Text>
        )}
        {network === 'LORA' && !generated && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label="DevEUI"
                required
                description="16 hexadecimal characters"
                value={devEui}
                onChange={(event) => setDevEui(event.currentTarget.value)}
                error={errors.devEui}
                classNames={{ input: 'ot-mono' }}
                spellCheck={false}
              />
              <TextInput
                label="AppEUI"
                required
                description="16 hexadecimal characters"
                value={appEui}
                onChange={(event) => setAppEui(event.currentTarget.value)}
                error={errors.appEui}
                classNames={{ input: 'ot-mono' }}
                spellCheck={false}
              />
            </SimpleGrid>
            <TextInput
              label="AppKey"
              required
              description="32 hexadecimal characters"
              value={appKey}
              onChange={(event) => setAppKey(event.currentTarget.value)}
              error={errors.appKey}
              classNames={{ input: 'ot-mono' }}
              autoComplete="off"
              spellCheck={false}
            />
            <LoraPlanSelect value={planId} onChange={setPlanId} error={errors.connectivityPlanId} />
          </>
        )}

        {network === 'M2M' && (
          <>
            <TextInput
              label="IMEI"
              required
              description="15 digits, on the device's label"
              inputMode="numeric"
              value={imei}
              onChange={(event) => setImei(event.currentTarget.value)}
              error={errors.imei}
              classNames={{ input: 'ot-mono' }}
            />
            <Select
              label="SIM (ICCID)"
              required
              description={
                freeSims.data && freeSims.data.length === 0
                  ? 'This account has no free SIM: add an early access SIM by hand.'
                  : 'A SIM of this account that is not in another device.'
              }
              placeholder={freeSims.isPending ? 'Loading SIMs…' : 'Choose a SIM'}
              data={simOptions}
              value={simChoice}
              onChange={(next) => {
                setSimChoice(next);
                setErrors((e) => ({ ...e, iccid: '' }));
              }}
              searchable
              error={
                earlyAccess
                  ? undefined
                  : errors.iccid || (freeSims.isError ? 'The SIMs could not be loaded' : undefined)
              }
              nothingFoundMessage="No SIM with these digits"
              comboboxProps={{ withinPortal: true }}
              classNames={{ option: 'ot-mono' }}
            />
            {earlyAccess && (
              <TextInput
                label="Early access ICCID"
                required
                description="19 or 20 digits, printed on the SIM card"
                inputMode="numeric"
                value={earlyIccid}
                onChange={(event) => setEarlyIccid(event.currentTarget.value)}
                error={errors.iccid}
                classNames={{ input: 'ot-mono' }}
              />
            )}
            <SharedSecretField value={sharedSecret} onChange={setSharedSecret} error={errors.sharedSecret} />
          </>
        )}

        {network === 'INTERNET' && (
          <>
            <TextInput
              label="DvnUUID"
              required
              description="Identifies the device's data. Prefilled with a new UUID; you may enter your own."
              value={dvnUuid}
              onChange={(event) => setDvnUuid(event.currentTarget.value)}
              error={errors.dvnUuid}
              classNames={{ input: 'ot-mono' }}
              spellCheck={false}
            />
            <SharedSecretField value={sharedSecret} onChange={setSharedSecret} error={errors.sharedSecret} />
          </>
        )}

        <Group justify="space-between" mt="xs">
          {secondaryAction ?? <span />}
          <Button type="submit" loading={create.isPending}>
            {generated ? 'Generate network info' : submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
