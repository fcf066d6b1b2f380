import { ActionIcon, Alert, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';

export interface RevealedValue {
  label: string;
  value: string;
  /** A secret: it cannot be shown again once the user leaves. */
  secret?: boolean;
}

function CopyValue({ label, value }: { label: string; value: string }) {
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

/**
 * Identifiers and secrets the platform just generated, each with a copy button. Secrets are shown this
 * once: the page says so before the user can leave.
 */
export function SecretsReveal({ values }: { values: readonly RevealedValue[] }) {
  const anySecret = values.some((v) => v.secret);
  return (
    <Stack gap="sm">
      {anySecret && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Copy the secret now"
        >
          For security the secret values are not retrievable after closing this page. Copy them or write them
          down before you finish.
        </Alert>
      )}
      <dl className="ot-secrets">
        {values.map((v) => (
          <div key={v.label} className="ot-secret-row">
            <Text component="dt" size="xs" c="dimmed" fw={600}>
              {v.label}
            </Text>
            <Group component="dd" gap={4} wrap="nowrap">
              <Text
                className="ot-mono"
                data-testid={`revealed-${v.label}`}
                style={{ overflowWrap: 'anywhere' }}
              >
                {v.value}
              </Text>
              <CopyValue label={v.label} value={v.value} />
            </Group>
          </div>
        ))}
      </dl>
    </Stack>
  );
}

/** What to show after network information was added: identifiers, and the secrets generated for it. */
export function revealedValues(result: {
  adapter: {
    type: string;
    devEui: string | null;
    appEui: string | null;
    imei: string | null;
    iccid: string | null;
    dvnUuid: string | null;
  };
  secrets: { appKey?: string | undefined; sharedSecret?: string | undefined };
}): RevealedValue[] {
  const { adapter, secrets } = result;
  const values: RevealedValue[] = [];
  const add = (label: string, value: string | null | undefined, secret = false) => {
    if (value) values.push({ label, value, secret });
  };
  if (adapter.type === 'LORA') {
    add('DevEUI', adapter.devEui);
    add('AppEUI', adapter.appEui);
  }
  if (adapter.type === 'M2M') {
    add('IMEI', adapter.imei);
    add('ICCID', adapter.iccid);
  }
  if (adapter.type === 'INTERNET') add('DvnUUID', adapter.dvnUuid);
  add('AppKey', secrets.appKey, true);
  add('Shared secret', secrets.sharedSecret, true);
  return values.some((v) => v.secret) ? values : [];
}
