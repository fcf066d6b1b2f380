import { z } from 'zod';
import type { NetworkType } from '../shared/network.ts';
import { Timestamp } from '../shared/time.ts';

/**
 * Secrets the platform generated for the devices of a bulk run (a LoRa AppKey of a programmable type, a
 * shared secret left empty in the file) are offered once, as a CSV download, to whoever started the
 * run: after that download — or an hour after the run finished — they are deleted and only resetting a
 * device's secret helps. Like an API key shown once, nothing is retrievable twice.
 */
export const BULK_SECRETS_TTL_MS = 60 * 60 * 1000;

export const BULK_SECRETS_STATUSES = ['none', 'pending', 'available', 'downloaded', 'expired'] as const;
export type BulkSecretsStatus = (typeof BULK_SECRETS_STATUSES)[number];

export const BulkGeneratedSecretsSchema = z
  .object({
    status: z
      .enum(BULK_SECRETS_STATUSES)
      .describe(
        'none: nothing generated · pending: the run is not done · available: can be downloaded once · downloaded · expired',
      ),
    devices: z.number().int().describe('Devices of the run whose secrets the platform generated'),
    expiresAt: Timestamp.nullable().describe('Until when they can be downloaded'),
    downloadable: z.boolean().describe('The caller may download them now (they started the run)'),
  })
  .meta({ id: 'BulkGeneratedSecrets' });
export type BulkGeneratedSecrets = z.infer<typeof BulkGeneratedSecretsSchema>;

/** Where a run's generated secrets stand at `now`; `forCaller` is whether the caller started the run. */
export function bulkSecretsState(
  run: {
    status: 'queued' | 'running' | 'done';
    finishedAt: Date | null;
    generatedSecrets: number;
    secretsDownloadedAt: Date | null;
  },
  now: Date,
  forCaller: boolean,
): BulkGeneratedSecrets {
  const devices = run.generatedSecrets;
  const expiresAt = run.finishedAt ? new Date(run.finishedAt.getTime() + BULK_SECRETS_TTL_MS) : null;
  const status: BulkSecretsStatus =
    devices === 0
      ? 'none'
      : run.status !== 'done' || !expiresAt
        ? 'pending'
        : run.secretsDownloadedAt
          ? 'downloaded'
          : now >= expiresAt
            ? 'expired'
            : 'available';
  return {
    status,
    devices,
    expiresAt: status === 'available' && expiresAt ? expiresAt.toISOString() : null,
    downloadable: status === 'available' && forCaller,
  };
}

/** The columns of the download for devices of one network: identifiers to match, then the secrets. */
export function bulkSecretsColumns(network: NetworkType): string[] {
  if (network === 'LORA') return ['row', 'name', 'deviceId', 'devEui', 'appEui', 'appKey'];
  if (network === 'M2M') return ['row', 'name', 'deviceId', 'imei', 'sharedSecret'];
  return ['row', 'name', 'deviceId', 'dvnUuid', 'sharedSecret'];
}
