import { Alert, Stack } from '@mantine/core';
import { CopyValueList } from '@openthings/ui';
import { IconAlertTriangle } from '@tabler/icons-react';

export interface RevealedValue {
  label: string;
  value: string;
  /** A secret: it cannot be shown again once the user leaves. */
  secret?: boolean;
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
      <CopyValueList items={values} testIdPrefix="revealed-" />
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
