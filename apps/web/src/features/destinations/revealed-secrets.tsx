import { Alert, Stack } from '@mantine/core';
import { CopyValueList } from '@openthings/ui';
import { IconAlertTriangle } from '@tabler/icons-react';

export interface RevealedSecret {
  label: string;
  value: string;
  /** One line under the value: what it is for. */
  hint?: string;
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
      <CopyValueList items={secrets} testIdPrefix="revealed-" />
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
