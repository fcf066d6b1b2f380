import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { MAX_EXTRA_HEADERS } from '@openthings/domain';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  type AuthType,
  type FieldsProps,
  headerRow,
  SAVED_CREDENTIAL_HINT,
} from './destination-form-state.ts';

export interface HttpsFieldsProps extends FieldsProps {
  /** The saved destination's authentication type; null when creating one. */
  savedAuthType: AuthType | null;
}

/** An HTTPS destination's endpoint (method, URL, extra headers) and the authentication its receiver asks for. */
export function HttpsFields({ state, set, errors, savedAuthType }: HttpsFieldsProps) {
  return (
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
          <ExtraHeaders state={state} set={set} errors={errors} />
        </Stack>
      </Fieldset>

      <Fieldset legend="Authentication">
        <Authentication state={state} set={set} errors={errors} savedAuthType={savedAuthType} />
      </Fieldset>
    </>
  );
}

/** One row a header; a row's own errors are keyed by its key, the server's by the header's name. */
function ExtraHeaders({ state, set, errors }: FieldsProps) {
  const setHeader = (key: string, field: 'name' | 'value', value: string) =>
    set(
      'headers',
      state.headers.map((row) => (row.key === key ? { ...row, [field]: value } : row)),
    );

  return (
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
  );
}

/** Credentials are write-only: a saved secret of the same type is kept unless entered again. */
function Authentication({ state, set, errors, savedAuthType }: HttpsFieldsProps) {
  const keepsSecret = savedAuthType === state.authType;

  return (
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
            description={keepsSecret ? SAVED_CREDENTIAL_HINT : undefined}
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
          description={keepsSecret ? SAVED_CREDENTIAL_HINT : 'Sent as Authorization: Bearer <token>'}
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
            description={keepsSecret ? SAVED_CREDENTIAL_HINT : undefined}
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
  );
}
