import { describe, expect, it } from 'vitest';
import { bulkSecretsState } from './bulk-secrets.ts';

const finishedAt = new Date('2026-03-02T10:00:00.000Z');
const done = { status: 'done' as const, finishedAt, generatedSecrets: 3, secretsDownloadedAt: null };
const at = (minutes: number) => new Date(finishedAt.getTime() + minutes * 60_000);

describe('generated secrets of a bulk run', () => {
  it('are available for an hour after the run, to whoever started it', () => {
    expect(bulkSecretsState(done, at(59), true)).toEqual({
      status: 'available',
      devices: 3,
      expiresAt: '2026-03-02T11:00:00.000Z',
      downloadable: true,
    });
    expect(bulkSecretsState(done, at(59), false).downloadable).toBe(false);
  });

  it('expire after the hour and are gone once downloaded', () => {
    expect(bulkSecretsState(done, at(60), true)).toMatchObject({ status: 'expired', downloadable: false });
    expect(bulkSecretsState({ ...done, secretsDownloadedAt: at(5) }, at(6), true)).toMatchObject({
      status: 'downloaded',
      expiresAt: null,
      downloadable: false,
    });
  });

  it('wait for the run to finish, and are nothing when none was generated', () => {
    expect(bulkSecretsState({ ...done, status: 'running', finishedAt: null }, at(0), true)).toMatchObject({
      status: 'pending',
      downloadable: false,
    });
    expect(bulkSecretsState({ ...done, generatedSecrets: 0 }, at(0), true).status).toBe('none');
  });
});
