import { Alert, Button, Group, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  type Destination,
  DestinationCreateSchema,
  type DestinationKind,
  DestinationUpdateSchema,
  destinationKindLabels,
} from '@openthings/domain';
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import {
  createBody,
  headerRowErrors,
  initialState,
  type SetField,
  updateBody,
} from './destination-form-state.ts';
import { useCreateDestination, useUpdateDestination } from './destinations.api.ts';
import { errorsByPath } from './form-issues.ts';
import { HttpsFields } from './https-fields.tsx';
import { MqttFields } from './mqtt-fields.tsx';
import { type RevealedSecret, secretsToReveal } from './revealed-secrets.tsx';
import { SharedSecretField } from './shared-secret-field.tsx';

const KIND_HELP: Record<DestinationKind, string> = {
  HTTPS: 'Your web service receives every message as a signed POST (or PUT) of a SenML JSON pack.',
  TEST: 'A built-in inbox that keeps the last 100 requests: see what a receiver would get, with no server of your own.',
  MQTT: 'Every message is published to a topic on your own MQTT broker.',
};

export interface DestinationSaved {
  destination: Destination;
  /** Secrets to show this once: empty when nothing secret was set. */
  secrets: RevealedSecret[];
}

export interface DestinationFormProps {
  /** The destination being edited; a new one is created without it. */
  destination?: Destination;
  onSaved: (saved: DestinationSaved) => void;
  onCancel: () => void;
}

/**
 * Create or edit a destination of any kind. The fields are checked with the domain's schemas before
 * sending and the server's field errors land on the same fields.
 */
export function DestinationForm({ destination, onSaved, onCancel }: DestinationFormProps) {
  const create = useCreateDestination();
  const update = useUpdateDestination();
  const [state, setState] = useState(() => initialState(destination));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const ids = useId();
  const editing = destination !== undefined;
  const pending = create.isPending || update.isPending;

  const set: SetField = (key, value) => setState((current) => ({ ...current, [key]: value }));

  const fail = (failure: unknown) => {
    if (isApiError(failure, 400)) {
      const server = failure.fieldErrors('body');
      if (Object.keys(server).length > 0) {
        setErrors(server);
        setFormError(null);
        return;
      }
    }
    setFormError(errorMessage(failure));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const rowErrors = headerRowErrors(state.kind === 'HTTPS' ? state.headers : []);
    if (!editing) {
      const body = createBody(state);
      const parsed = DestinationCreateSchema.safeParse(body);
      const all = { ...(parsed.success ? {} : errorsByPath(parsed.error)), ...rowErrors };
      setErrors(all);
      if (Object.keys(all).length > 0) return;
      create.mutate(body, {
        onSuccess: (created) =>
          onSaved({
            destination: created.destination,
            secrets:
              created.destination.kind === 'TEST'
                ? []
                : secretsToReveal(
                    created.secrets.sharedSecret ?? body.sharedSecret,
                    created.destination.signing.whsecKey,
                  ),
          }),
        onError: fail,
      });
      return;
    }
    const patch = updateBody(destination, state);
    if (patch === null) {
      onSaved({ destination, secrets: [] });
      return;
    }
    const parsed = DestinationUpdateSchema.safeParse(patch);
    const all = { ...(parsed.success ? {} : errorsByPath(parsed.error)), ...rowErrors };
    setErrors(all);
    if (Object.keys(all).length > 0) return;
    update.mutate(
      { id: destination.id, patch },
      {
        onSuccess: (saved) =>
          onSaved({
            destination: saved,
            secrets: patch.sharedSecret ? secretsToReveal(patch.sharedSecret, saved.signing.whsecKey) : [],
          }),
        onError: fail,
      },
    );
  };

  const fields = { state, set, errors };

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? 'Edit destination' : 'New destination'}>
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" role="alert">
            {formError}
          </Alert>
        )}
        {!editing && (
          <Stack gap={6}>
            <Text size="sm" fw={500} id={`${ids}-kind`}>
              Kind
            </Text>
            <SegmentedControl
              aria-labelledby={`${ids}-kind`}
              value={state.kind}
              onChange={(value) => set('kind', value as DestinationKind)}
              data={(['HTTPS', 'TEST', 'MQTT'] as const).map((k) => ({
                value: k,
                label: destinationKindLabels[k],
              }))}
              fullWidth
              maw={520}
            />
            <Text size="xs" c="dimmed">
              {KIND_HELP[state.kind]}
            </Text>
          </Stack>
        )}
        <TextInput
          label="Name"
          required
          data-autofocus
          maxLength={100}
          value={state.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={6}
          value={state.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />

        {state.kind === 'HTTPS' && (
          <HttpsFields
            {...fields}
            savedAuthType={destination?.kind === 'HTTPS' ? destination.config.auth.type : null}
          />
        )}

        {state.kind === 'MQTT' && (
          <MqttFields
            {...fields}
            hasSavedCredentials={destination?.kind === 'MQTT' && destination.config.hasCredentials}
          />
        )}

        {state.kind !== 'TEST' && <SharedSecretField {...fields} editing={editing} />}

        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {editing ? 'Save' : 'Create destination'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
