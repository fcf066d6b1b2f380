import { Alert, Button, Divider, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { SharedSecretSchema } from '@openthings/domain';
import { ConfirmDialog, CopyValueButton, SectionCard } from '@openthings/ui';
import { IconKey, IconRefresh } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../lib/error-messages.ts';
import { useRegenerateSecret } from './simulator.api.ts';

export interface SecretPanelProps {
  device: { id: string; name: string };
  adapterId: string;
  /** May generate a new secret (devices:write). */
  canRegenerate: boolean;
  /** The secret to sign with; `generated` when the server just made it (the user should copy it). */
  onSecret: (secret: string, generated: boolean) => void;
}

/** Asks once per tab for the device's shared secret, or makes a new one. */
export function SecretPanel({ device, adapterId, canRegenerate, onSecret }: SecretPanelProps) {
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const regenerate = useRegenerateSecret();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // A secret the platform would never have accepted cannot be the device's: say so before sending.
    const parsed = SharedSecretSchema.safeParse(secret);
    if (!parsed.success) {
      setError(
        secret === ''
          ? 'Enter the shared secret'
          : 'This is not a shared secret of the platform: it has at least 32 characters with upper and lower case, digits and special characters',
      );
      return;
    }
    onSecret(secret, false);
  };

  return (
    <SectionCard
      title="Shared secret"
      description="Messages are signed with the device's shared secret. It stays in this browser tab only."
    >
      <Stack gap="sm">
        <form onSubmit={submit} noValidate aria-label="Shared secret">
          <Stack gap="xs">
            <PasswordInput
              label={`Shared secret of ${device.name}`}
              placeholder="Paste the device’s secret"
              autoComplete="off"
              value={secret}
              onChange={(e) => {
                setSecret(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              size="md"
            />
            <Button type="submit" leftSection={<IconKey size={16} />} size="md">
              Use this secret
            </Button>
          </Stack>
        </form>
        {canRegenerate && (
          <>
            <Divider label="or, if nobody knows it" labelPosition="center" />
            <Button
              variant="default"
              size="md"
              leftSection={<IconRefresh size={16} />}
              loading={regenerate.isPending}
              aria-haspopup="dialog"
              onClick={() => setConfirming(true)}
            >
              Generate a new secret
            </Button>
            {regenerate.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(regenerate.error)}
              </Alert>
            )}
          </>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirming}
        title="Generate a new secret?"
        message={
          <Text component="span" size="sm">
            The current secret of {device.name} stops working at once: anything still using it is refused
            until it gets the new one. The new secret is kept in this browser tab only.
          </Text>
        }
        confirmLabel="Generate new secret"
        danger
        loading={regenerate.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          regenerate.mutate(
            { deviceId: device.id, adapterId },
            {
              onSuccess: ({ sharedSecret }) => {
                setConfirming(false);
                onSecret(sharedSecret, true);
              },
              onError: () => setConfirming(false),
            },
          )
        }
      />
    </SectionCard>
  );
}

/** The secret is set: say where it is kept, show a just-generated one once, offer to change it. */
export function SecretSet({
  generated,
  secret,
  onForget,
}: {
  generated: boolean;
  secret: string;
  onForget: () => void;
}) {
  return (
    <Stack gap="xs">
      {generated && (
        <Alert color="yellow" variant="light" title="New shared secret" icon={<IconKey size={18} />}>
          <Stack gap={4}>
            <Text size="sm">Copy it if a real device or script should use it: it is not shown again.</Text>
            <Group gap={4} wrap="nowrap">
              <Text
                className="ot-mono"
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
                data-testid="simulator-secret"
              >
                {secret}
              </Text>
              <CopyValueButton label="Shared secret" value={secret} />
            </Group>
          </Stack>
        </Alert>
      )}
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          Signing with the secret kept in this tab.
        </Text>
        <Button size="compact-sm" variant="subtle" onClick={onForget} style={{ flexShrink: 0 }}>
          Change secret
        </Button>
      </Group>
    </Stack>
  );
}
