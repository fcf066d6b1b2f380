import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import {
  type Destination,
  type DestinationCreate,
  DestinationCreateSchema,
  type DestinationKind,
  type DestinationUpdate,
  DestinationUpdateSchema,
  destinationKindLabels,
  HeaderNameSchema,
  HeaderValueSchema,
  MAX_EXTRA_HEADERS,
} from '@openthings/domain';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/error-messages.ts';
import { randomSharedSecret } from '../../lib/random-secret.ts';
import { useCreateDestination, useUpdateDestination } from './destinations.api.ts';
import { errorsByPath } from './form-issues.ts';
import { type RevealedSecret, secretsToReveal } from './revealed-secrets.tsx';

type AuthType = 'none' | 'basic' | 'bearer' | 'apiKey';

interface HeaderRow {
  key: string;
  name: string;
  value: string;
}

export interface DestinationFormState {
  kind: DestinationKind;
  name: string;
  description: string;
  sharedSecret: string;
  httpUrl: string;
  method: 'POST' | 'PUT';
  headers: HeaderRow[];
  authType: AuthType;
  username: string;
  password: string;
  token: string;
  apiKeyHeader: string;
  apiKeyValue: string;
  mqttUrl: string;
  topic: string;
  qos: '0' | '1';
  mqttUsername: string;
  mqttPassword: string;
  removeMqttCredentials: boolean;
}

let rowCounter = 0;
const headerRow = (name = '', value = ''): HeaderRow => ({ key: `h${++rowCounter}`, name, value });

/** The form's values for a new destination, or the saved values of one (never its credentials). */
export function initialState(destination?: Destination): DestinationFormState {
  const state: DestinationFormState = {
    kind: destination?.kind ?? 'HTTPS',
    name: destination?.name ?? '',
    description: destination?.description ?? '',
    sharedSecret: '',
    httpUrl: '',
    method: 'POST',
    headers: [],
    authType: 'none',
    username: '',
    password: '',
    token: '',
    apiKeyHeader: '',
    apiKeyValue: '',
    mqttUrl: '',
    topic: 'devices/{urn}/up',
    qos: '1',
    mqttUsername: '',
    mqttPassword: '',
    removeMqttCredentials: false,
  };
  if (destination?.kind === 'HTTPS') {
    const { config } = destination;
    state.httpUrl = config.url;
    state.method = config.method;
    state.headers = Object.entries(config.headers).map(([name, value]) => headerRow(name, value));
    state.authType = config.auth.type;
    if (config.auth.type === 'basic') state.username = config.auth.username;
    if (config.auth.type === 'apiKey') state.apiKeyHeader = config.auth.header;
  }
  if (destination?.kind === 'MQTT') {
    state.mqttUrl = destination.config.url;
    state.topic = destination.config.topic;
    state.qos = String(destination.config.qos) as '0' | '1';
  }
  return state;
}

function headerRecord(rows: readonly HeaderRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.name.trim() !== '').map((r) => [r.name.trim(), r.value]));
}

function authInput(s: DestinationFormState) {
  switch (s.authType) {
    case 'basic':
      return { type: 'basic' as const, username: s.username, password: s.password };
    case 'bearer':
      return { type: 'bearer' as const, token: s.token };
    case 'apiKey':
      return { type: 'apiKey' as const, header: s.apiKeyHeader, value: s.apiKeyValue };
    default:
      return { type: 'none' as const };
  }
}

/** The create request for the form's values. */
export function createBody(s: DestinationFormState): DestinationCreate {
  const base = {
    name: s.name,
    description: s.description,
    ...(s.sharedSecret !== '' && { sharedSecret: s.sharedSecret }),
  };
  if (s.kind === 'TEST') return { kind: 'TEST', name: s.name, description: s.description };
  if (s.kind === 'MQTT')
    return {
      kind: 'MQTT',
      ...base,
      config: {
        url: s.mqttUrl,
        topic: s.topic,
        qos: Number(s.qos) as 0 | 1,
        ...(s.mqttUsername !== '' && { username: s.mqttUsername }),
        ...(s.mqttPassword !== '' && { password: s.mqttPassword }),
      },
    };
  return {
    kind: 'HTTPS',
    ...base,
    config: { url: s.httpUrl, method: s.method, headers: headerRecord(s.headers), auth: authInput(s) },
  };
}

/**
 * The PATCH for what changed. Credentials are write-only: the authentication is sent only when its type
 * or one of its values changed, and then whole (with its secret), as the API replaces it whole.
 */
export function updateBody(saved: Destination, s: DestinationFormState): DestinationUpdate | null {
  const patch: Record<string, unknown> = {};
  if (s.name !== saved.name) patch.name = s.name;
  if (s.description !== saved.description) patch.description = s.description;
  if (s.sharedSecret !== '') patch.sharedSecret = s.sharedSecret;
  if (saved.kind === 'HTTPS') {
    const config: Record<string, unknown> = {};
    if (s.httpUrl !== saved.config.url) config.url = s.httpUrl;
    if (s.method !== saved.config.method) config.method = s.method;
    const headers = headerRecord(s.headers);
    if (JSON.stringify(headers) !== JSON.stringify(saved.config.headers)) config.headers = headers;
    const auth = saved.config.auth;
    const authChanged =
      s.authType !== auth.type ||
      s.password !== '' ||
      s.token !== '' ||
      s.apiKeyValue !== '' ||
      (auth.type === 'basic' && s.username !== auth.username) ||
      (auth.type === 'apiKey' && s.apiKeyHeader !== auth.header);
    if (authChanged) config.auth = authInput(s);
    if (Object.keys(config).length > 0) patch.config = config;
  }
  if (saved.kind === 'MQTT') {
    const config: Record<string, unknown> = {};
    if (s.mqttUrl !== saved.config.url) config.url = s.mqttUrl;
    if (s.topic !== saved.config.topic) config.topic = s.topic;
    if (Number(s.qos) !== saved.config.qos) config.qos = Number(s.qos);
    if (s.removeMqttCredentials) {
      config.username = null;
      config.password = null;
    } else {
      if (s.mqttUsername !== '') config.username = s.mqttUsername;
      if (s.mqttPassword !== '') config.password = s.mqttPassword;
    }
    if (Object.keys(config).length > 0) patch.config = config;
  }
  if (Object.keys(patch).length === 0) return null;
  return { kind: saved.kind, ...patch } as DestinationUpdate;
}

/** Per-row checks of the headers editor, with the domain's header rules. */
export function headerRowErrors(rows: readonly HeaderRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.name.trim() === '' && row.value === '') continue;
    const name = HeaderNameSchema.safeParse(row.name);
    const value = HeaderValueSchema.safeParse(row.value);
    if (!name.success) errors[`${row.key}.name`] = name.error.issues[0]?.message ?? 'Not a valid header name';
    else if (seen.has(row.name.trim().toLowerCase()))
      errors[`${row.key}.name`] = `The header ${row.name.trim()} is given twice`;
    if (!value.success) errors[`${row.key}.value`] = value.error.issues[0]?.message ?? 'Not a valid value';
    seen.add(row.name.trim().toLowerCase());
  }
  return errors;
}

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

  const set = <K extends keyof DestinationFormState>(key: K, value: DestinationFormState[K]) =>
    setState((current) => ({ ...current, [key]: value }));
  const setHeader = (key: string, field: 'name' | 'value', value: string) =>
    set(
      'headers',
      state.headers.map((row) => (row.key === key ? { ...row, [field]: value } : row)),
    );

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

  const credentialHint = editing ? 'Saved and not shown: leave empty to keep it' : undefined;
  const savedAuth = destination?.kind === 'HTTPS' ? destination.config.auth.type : null;
  const keepsSecret = editing && savedAuth === state.authType;

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
          <>
            <Fieldset legend="Endpoint">
              <Stack gap="sm">
                <Group align="flex-start" gap="xs" wrap="nowrap">
                  <Select
                    label="Method"
                    data={['POST', 'PUT']}
                    value={state.method}
                    onChange={(value) => value && set('method', value as 'POST' | 'PUT')}
                    allowDeselect={false}
                    w={110}
                    error={errors['config.method']}
                  />
                  <TextInput
                    label="URL"
                    required
                    placeholder="https://example.com/things"
                    value={state.httpUrl}
                    onChange={(e) => set('httpUrl', e.currentTarget.value)}
                    error={errors['config.url']}
                    style={{ flex: 1 }}
                  />
                </Group>
                <Stack gap={6}>
                  <Text size="sm" fw={500}>
                    Extra headers
                  </Text>
                  {state.headers.length === 0 && (
                    <Text size="xs" c="dimmed">
                      None. The signing headers and Content-Type are always sent.
                    </Text>
                  )}
                  {state.headers.map((row, index) => (
                    <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap">
                      <TextInput
                        aria-label={`Header ${index + 1} name`}
                        placeholder="X-Header-Name"
                        value={row.name}
                        onChange={(e) => setHeader(row.key, 'name', e.currentTarget.value)}
                        error={errors[`${row.key}.name`] ?? errors[`config.headers.${row.name.trim()}`]}
                        style={{ flex: '0 1 240px' }}
                      />
                      <TextInput
                        aria-label={`Header ${index + 1} value`}
                        placeholder="Value"
                        value={row.value}
                        onChange={(e) => setHeader(row.key, 'value', e.currentTarget.value)}
                        error={errors[`${row.key}.value`]}
                        style={{ flex: 1 }}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        aria-label={`Remove header ${index + 1}`}
                        onClick={() =>
                          set(
                            'headers',
                            state.headers.filter((r) => r.key !== row.key),
                          )
                        }
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  ))}
                  {errors['config.headers'] && (
                    <Text size="xs" c="red" role="alert">
                      {errors['config.headers']}
                    </Text>
                  )}
                  <Group>
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      leftSection={<IconPlus size={14} />}
                      disabled={state.headers.length >= MAX_EXTRA_HEADERS}
                      onClick={() => set('headers', [...state.headers, headerRow()])}
                    >
                      Add header
                    </Button>
                  </Group>
                </Stack>
              </Stack>
            </Fieldset>

            <Fieldset legend="Authentication">
              <Stack gap="sm">
                <Select
                  label="Your receiver asks for"
                  data={[
                    { value: 'none', label: 'No authentication (the signature is checked)' },
                    { value: 'basic', label: 'Basic authentication' },
                    { value: 'bearer', label: 'Bearer token' },
                    { value: 'apiKey', label: 'API key header' },
                  ]}
                  value={state.authType}
                  onChange={(value) => value && set('authType', value as AuthType)}
                  allowDeselect={false}
                  maw={360}
                />
                {state.authType === 'basic' && (
                  <Group grow align="flex-start">
                    <TextInput
                      label="User name"
                      required
                      value={state.username}
                      onChange={(e) => set('username', e.currentTarget.value)}
                      error={errors['config.auth.username']}
                    />
                    <PasswordInput
                      label="Password"
                      required={!keepsSecret}
                      description={keepsSecret ? credentialHint : undefined}
                      value={state.password}
                      onChange={(e) => set('password', e.currentTarget.value)}
                      error={errors['config.auth.password']}
                    />
                  </Group>
                )}
                {state.authType === 'bearer' && (
                  <PasswordInput
                    label="Token"
                    required={!keepsSecret}
                    description={keepsSecret ? credentialHint : 'Sent as Authorization: Bearer <token>'}
                    value={state.token}
                    onChange={(e) => set('token', e.currentTarget.value)}
                    error={errors['config.auth.token']}
                  />
                )}
                {state.authType === 'apiKey' && (
                  <Group grow align="flex-start">
                    <TextInput
                      label="Header name"
                      required
                      placeholder="X-API-Key"
                      value={state.apiKeyHeader}
                      onChange={(e) => set('apiKeyHeader', e.currentTarget.value)}
                      error={errors['config.auth.header']}
                    />
                    <PasswordInput
                      label="API key"
                      required={!keepsSecret}
                      description={keepsSecret ? credentialHint : undefined}
                      value={state.apiKeyValue}
                      onChange={(e) => set('apiKeyValue', e.currentTarget.value)}
                      error={errors['config.auth.value']}
                    />
                  </Group>
                )}
                {keepsSecret && (state.authType === 'basic' || state.authType === 'apiKey') && (
                  <Text size="xs" c="dimmed">
                    To change the user name or header, enter the secret again too.
                  </Text>
                )}
              </Stack>
            </Fieldset>
          </>
        )}

        {state.kind === 'MQTT' && (
          <Fieldset legend="Broker">
            <Stack gap="sm">
              <TextInput
                label="Broker URL"
                required
                placeholder="mqtts://broker.example.com:8883"
                value={state.mqttUrl}
                onChange={(e) => set('mqttUrl', e.currentTarget.value)}
                error={errors['config.url']}
              />
              <TextInput
                label="Topic"
                required
                description="{urn} and {deviceId} are replaced for each message"
                value={state.topic}
                onChange={(e) => set('topic', e.currentTarget.value)}
                error={errors['config.topic']}
              />
              <Stack gap={4}>
                <Text size="sm" fw={500} id={`${ids}-qos`}>
                  QoS
                </Text>
                <SegmentedControl
                  aria-labelledby={`${ids}-qos`}
                  value={state.qos}
                  onChange={(value) => set('qos', value as '0' | '1')}
                  data={[
                    { value: '0', label: '0 · at most once' },
                    { value: '1', label: '1 · at least once' },
                  ]}
                  maw={360}
                />
              </Stack>
              {destination?.kind === 'MQTT' && destination.config.hasCredentials && (
                <Checkbox
                  label="Remove the saved user name and password"
                  checked={state.removeMqttCredentials}
                  onChange={(e) => set('removeMqttCredentials', e.currentTarget.checked)}
                />
              )}
              {!state.removeMqttCredentials && (
                <Group grow align="flex-start">
                  <TextInput
                    label="User name"
                    description={
                      destination?.kind === 'MQTT' && destination.config.hasCredentials
                        ? credentialHint
                        : 'Optional'
                    }
                    value={state.mqttUsername}
                    onChange={(e) => set('mqttUsername', e.currentTarget.value)}
                    error={errors['config.username']}
                  />
                  <PasswordInput
                    label="Password"
                    description={
                      destination?.kind === 'MQTT' && destination.config.hasCredentials
                        ? credentialHint
                        : 'Optional'
                    }
                    value={state.mqttPassword}
                    onChange={(e) => set('mqttPassword', e.currentTarget.value)}
                    error={errors['config.password']}
                  />
                </Group>
              )}
            </Stack>
          </Fieldset>
        )}

        {state.kind !== 'TEST' && (
          <TextInput
            label={editing ? 'New shared secret' : 'Shared secret'}
            description={
              editing
                ? 'Rotates the secret that signs every request (the previous one also signs for 24 hours); leave empty to keep the current one.'
                : 'Signs every request. Leave empty to have one generated; it is shown once after saving.'
            }
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            autoComplete="off"
            spellCheck={false}
            value={state.sharedSecret}
            onChange={(e) => set('sharedSecret', e.currentTarget.value)}
            error={errors.sharedSecret}
            rightSectionWidth={112}
            rightSection={
              <Button
                size="compact-xs"
                variant="light"
                leftSection={<IconKey size={12} />}
                onClick={() => set('sharedSecret', randomSharedSecret())}
              >
                Generate
              </Button>
            }
          />
        )}

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
