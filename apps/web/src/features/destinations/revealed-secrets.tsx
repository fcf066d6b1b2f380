import { ActionIcon, Alert, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

export interface RevealedSecret {
  label: string;
  value: string;
  /** One line under the value: what it is for. */
  hint?: string;
}

function CopyValue({ label, value }: RevealedSecret) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow>
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={copied ? `${label} copied` : `Copy ${label}`}
          >
            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** Secrets the server will never show again, each with a copy button, and a warning saying so. */
export function RevealedSecrets({ secrets }: { secrets: readonly RevealedSecret[] }) {
  return (
    <Stack gap="sm">
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={18} />}
        title="Copy the secret now"
      >
        It is shown only this once: the portal cannot show it again. Put it in your receiver to check the
        signature of every request.
      </Alert>
      <dl className="ot-secrets">
        {secrets.map((s) => (
          <div key={s.label} className="ot-secret-row">
            <Text component="dt" size="xs" c="dimmed" fw={600}>
              {s.label}
            </Text>
            <Stack component="dd" gap={0}>
              <Group gap={4} wrap="nowrap">
                <Text
                  className="ot-mono"
                  data-testid={`revealed-${s.label}`}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {s.value}
                </Text>
                <CopyValue {...s} />
              </Group>
              {s.hint && (
                <Text size="xs" c="dimmed">
                  {s.hint}
                </Text>
              )}
            </Stack>
          </div>
        ))}
      </dl>
    </Stack>
  );
}

/** What to show once after a secret was set: the secret and its Standard Webhooks form. */
export function secretsToReveal(sharedSecret: string | undefined, whsecKey: string | null): RevealedSecret[] {
  const out: RevealedSecret[] = [];
  if (sharedSecret)
    out.push({
      label: 'Shared secret',
      value: sharedSecret,
      hint: 'Things-Message-Token = SHA-256 of the body followed by this secret.',
    });
  if (whsecKey)
    out.push({
      label: 'Standard Webhooks key',
      value: whsecKey,
      hint: 'The same secret in the whsec_ form that Standard Webhooks libraries take.',
    });
  return out;
}
