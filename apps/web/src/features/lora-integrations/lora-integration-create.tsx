import { Alert, Button, Group, Modal, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import {
  LORA_INTEGRATION_KINDS,
  type LoraIntegrationCreated,
  LoraIntegrationCreateSchema,
  type LoraIntegrationKind,
  loraIntegrationKindLabels,
} from '@openthings/domain';
import { CopyValueList } from '@openthings/ui';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { fieldErrorsOf, formErrorsOf } from '../../lib/form-errors.ts';
import { LoraIntegrationSetup } from './lora-integration-setup.tsx';
import { useCreateLoraIntegration, webhookUrl } from './lora-integrations.api.ts';

const FIELDS = ['kind', 'name'] as const;

const kindHints: Record<LoraIntegrationKind, string> = {
  chirpstack: 'The HTTP integration of a ChirpStack v4 application: JSON events, a bearer secret header.',
  thingpark:
    'The tunnel interface of an Actility ThingPark application server (KPN and other operators): JSON, ' +
    'the tunnel token or a bearer secret.',
};

const secretHints: Record<LoraIntegrationKind, string> = {
  chirpstack: 'Sent by ChirpStack in the header Authorization: Bearer <secret>.',
  thingpark:
    'The AS key (LRC-AS key) of the tunnel interface; also accepted as Authorization: Bearer <secret>.',
};

export interface LoraIntegrationCreateDialogProps {
  opened: boolean;
  onClose: () => void;
  /** This portal's public address; the browser's by default. */
  origin?: string;
}

/**
 * Adds an integration, then shows its secret — the only time the portal ever has it — with the setup
 * of its network server. Once the secret is on screen only an explicit close ends the dialog: a stray
 * click beside it or Escape would lose the secret.
 */
export function LoraIntegrationCreateDialog({ opened, onClose, origin }: LoraIntegrationCreateDialogProps) {
  const [created, setCreated] = useState<LoraIntegrationCreated | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? `Integration "${created.name}" added` : 'Add LoRa integration'}
      size={created ? 'xl' : 'lg'}
      closeOnClickOutside={!created}
      closeOnEscape={!created}
    >
      {/* Mounted only while open: every opening starts empty, and a closed dialog keeps no secret. */}
      {opened &&
        (created ? (
          <CreatedIntegration created={created} onDone={close} origin={origin} />
        ) : (
          <CreateForm onCreated={setCreated} onCancel={close} />
        ))}
    </Modal>
  );
}

function CreateForm({
  onCreated,
  onCancel,
}: {
  onCreated: (created: LoraIntegrationCreated) => void;
  onCancel: () => void;
}) {
  const create = useCreateLoraIntegration();
  const [kind, setKind] = useState<LoraIntegrationKind | null>(null);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.reset();
    const parsed = LoraIntegrationCreateSchema.safeParse({ kind: kind ?? undefined, name });
    if (!parsed.success) {
      const found = fieldErrorsOf(parsed.error);
      // The schema's enum message lists the raw values; say what to do instead.
      if (found.kind) found.kind = 'Choose your network server';
      setErrors(found);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (error) => setErrors(formErrorsOf(error, FIELDS).fields),
    });
  };

  const formError = create.error ? formErrorsOf(create.error, FIELDS).form : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Add LoRa integration">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        <Radio.Group
          label="Network server"
          withAsterisk
          value={kind}
          onChange={(value) => setKind(value as LoraIntegrationKind)}
          error={errors.kind}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt={6}>
            {LORA_INTEGRATION_KINDS.map((k) => (
              <Radio.Card key={k} value={k} p="sm" radius="md" className="ot-type-card">
                <Group wrap="nowrap" align="flex-start" gap="sm">
                  <Radio.Indicator size="sm" mt={2} />
                  <Stack gap={2}>
                    <Text fw={600} size="sm">
                      {loraIntegrationKindLabels[k]}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {kindHints[k]}
                    </Text>
                  </Stack>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <TextInput
          label="Name"
          description="For you: the network server, or the application in it, that posts here."
          placeholder="e.g. ChirpStack – Building sensors"
          required
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add integration
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CreatedIntegration({
  created,
  onDone,
  origin,
}: {
  created: LoraIntegrationCreated;
  onDone: () => void;
  origin: string | undefined;
}) {
  // The form that had the focus is gone: the warning takes it, so it is read first and Tab goes on
  // to the values to copy.
  const warning = useRef<HTMLDivElement>(null);
  useEffect(() => warning.current?.focus(), []);
  return (
    <Stack gap="md">
      <Alert
        ref={warning}
        tabIndex={-1}
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title="Copy the secret now: it will not be shown again"
      >
        OpenThings keeps the secret only to check the network server's requests; neither this page nor the API
        can show it again. If it is lost, add a new integration and delete this one.
      </Alert>
      <CopyValueList
        items={[
          {
            label: 'Webhook URL',
            value: webhookUrl(created, origin),
            hint: 'Where the network server posts: this portal’s address, so the network server must be able to reach it.',
          },
          { label: 'Secret', value: created.secret, hint: secretHints[created.kind] },
        ]}
      />
      <LoraIntegrationSetup integration={created} secret={created.secret} origin={origin} />
      <Group justify="flex-end" gap="xs">
        <Button component={Link} to={`/lora/integrations/${created.id}`} variant="default" onClick={onDone}>
          Open integration
        </Button>
        <Button onClick={onDone}>I have copied the secret</Button>
      </Group>
    </Stack>
  );
}
