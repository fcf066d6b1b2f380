import { senmlPassthroughDecoder } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import type { UplinkInput } from './decode.repo.ts';
import { runDecoder } from './decoders.ts';

const URN = 'urn:dev:DVNUUID:5e1f0a3c-6a1f-4d0e-9b7a-0c2d1e3f4a5b:';
const receivedAt = new Date('2026-12-07T12:00:00Z');
const uplink = (payload: string, resolved?: UplinkInput['resolved']): UplinkInput => ({
  id: '01900000-0000-7000-8000-000000000001',
  customerId: 'c',
  deviceId: 'd',
  connector: 'http-senml-ip',
  receivedAt,
  payload: new TextEncoder().encode(payload),
  metadata: {},
  ...(resolved ? { resolved } : {}),
});

describe('the SenML passthrough at ingest', () => {
  it('takes the pack as the ingest check resolved it, without parsing it again', () => {
    const records = [{ n: `${URN}temperature`, u: 'Cel', v: 21.5, t: receivedAt.getTime() / 1000 }];
    // The payload is not even JSON: only the resolution ingest made is read.
    const result = runDecoder(senmlPassthroughDecoder, uplink('not json', { urn: URN, records }), URN);
    expect(result).toEqual({ records });
  });

  it('resolves the payload itself when ingest did not (an older version’s queue) or for another base name', () => {
    const pack = JSON.stringify([{ bn: URN, n: 'temperature', u: 'Cel', v: 21.5 }]);
    const fresh = runDecoder(senmlPassthroughDecoder, uplink(pack), URN);
    expect(fresh).toEqual({
      records: [{ n: `${URN}temperature`, u: 'Cel', v: 21.5, t: receivedAt.getTime() / 1000 }],
    });
    const other = runDecoder(
      senmlPassthroughDecoder,
      uplink(pack, { urn: 'urn:dev:IMEI:1:', records: [] }),
      URN,
    );
    expect(other).toEqual(fresh);
  });
});
