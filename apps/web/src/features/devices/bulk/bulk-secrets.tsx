import { Alert, Button, Stack, Text } from '@mantine/core';
import type { BulkReport } from '@openthings/domain';
import { IconAlertTriangle, IconDownload, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../lib/error-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { saveTextFile } from '../../../lib/save-file.ts';
import { useDownloadBulkSecrets } from './bulk.api.ts';

const devicesText = (n: number) => `${n} ${n === 1 ? 'device' : 'devices'}`;

/** The file name of a run's secrets, after the uploaded file: `trackers.csv` → `trackers-generated-secrets.csv`. */
export function secretsFileName(uploaded: string): string {
  const base = uploaded.replace(/\.csv$/i, '').trim() || 'devices';
  return `${base}-generated-secrets.csv`;
}

/**
 * The secrets the platform generated for the devices of a run (AppKeys, shared secrets): offered once,
 * as a CSV file, to whoever started the run — as an API key or an AppKey is shown once elsewhere.
 */
export function BulkSecretsOffer({ report }: { report: BulkReport }) {
  const secrets = report.generatedSecrets;
  const download = useDownloadBulkSecrets();
  const [saved, setSaved] = useState<string | null>(null);
  const devices = devicesText(secrets.devices);

  if (saved) {
    return (
      <Alert color="teal" variant="light" icon={<IconKey size={18} />} title="Generated secrets downloaded">
        Saved as {saved}. The platform gave out this one copy and no longer keeps it: store the file safely
        and delete it once the devices are programmed.
      </Alert>
    );
  }
  switch (secrets.status) {
    case 'none':
      return null;
    case 'pending':
      return (
        <Text size="sm" c="dimmed">
          Secrets were generated for {devices} so far; you can download them once the run is finished.
        </Text>
      );
    case 'downloaded':
      return (
        <Text size="sm" c="dimmed">
          The generated secrets of {devices} were downloaded and are no longer kept. To replace a lost secret,
          reset it on the device's page.
        </Text>
      );
    case 'expired':
      return (
        <Text size="sm" c="dimmed">
          The generated secrets of {devices} were not downloaded within an hour of the run and were deleted.
          Reset a device's secret on its page to get a new one.
        </Text>
      );
  }
  const until = secrets.expiresAt ? formatDateTime(secrets.expiresAt) : 'an hour after the run';
  if (!secrets.downloadable) {
    return (
      <Alert color="gray" variant="light" icon={<IconKey size={18} />} title="Generated secrets">
        The platform generated secrets for {devices}. Only whoever started this run can download them, once,
        until {until}.
      </Alert>
    );
  }
  const take = () =>
    download.mutate(report.id, {
      onSuccess: (csv) => {
        const name = secretsFileName(report.fileName);
        // The byte order mark lets spreadsheets read the names as UTF-8.
        saveTextFile(name, `\uFEFF${csv}`);
        setSaved(name);
      },
    });
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="Download the generated secrets now"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          The platform generated the AppKey or shared secret of {devices}; the devices need them to connect.
          They are in a CSV file you can download once, until {until}. After that they are deleted, and only
          resetting a device's secret helps.
        </Text>
        {download.isError && (
          <Text size="sm" c="red" role="alert">
            {errorMessage(download.error)}
          </Text>
        )}
        <Button leftSection={<IconDownload size={16} />} loading={download.isPending} onClick={take}>
          Download generated secrets (shown once)
        </Button>
      </Stack>
    </Alert>
  );
}
