import {
  standardWebhookSignature,
  thingsMessageToken,
  verifyStandardWebhook,
  whsecKey,
} from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { signedHeaders } from './headers.ts';

describe('signedHeaders (node:crypto)', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  const d = {
    id: '0193a5b0-0000-7000-8000-000000000001',
    body: '[{"bn":"urn:dev:IMEI:357292748642776:","bt":1765108800,"n":"temperature","u":"Cel","v":21.5}]',
    destinationId: 'd-1',
    sharedSecret: 'whsec_Looks-Like-A-Key-But-Is-Text-0123456789!',
    previousSharedSecret: 'Previous-Secret-0123456789-abcXYZ!',
    previousSecretUntil: new Date(now.getTime() + 1000),
  };

  it('signs exactly as the domain’s reference implementation, current secret first', async () => {
    const headers = signedHeaders(d, now);
    const timestamp = Math.floor(now.getTime() / 1000);
    const expected = await Promise.all(
      [d.sharedSecret, d.previousSharedSecret].map((key) =>
        standardWebhookSignature({ id: d.id, timestamp, body: d.body, key }),
      ),
    );
    expect(headers['webhook-signature']).toBe(expected.join(' '));
    expect(headers['things-message-token']).toBe(await thingsMessageToken(d.body, d.sharedSecret));
    expect(headers).toMatchObject({
      'webhook-id': d.id,
      'webhook-timestamp': String(timestamp),
      'things-plug-uuid': 'd-1',
    });
    expect(
      await verifyStandardWebhook({ headers, body: d.body, secrets: [whsecKey(d.sharedSecret)], now }),
    ).toEqual({
      ok: true,
    });
  });

  it('drops the previous secret once its overlap has ended', () => {
    const later = new Date(now.getTime() + 2000);
    expect(signedHeaders(d, later)['webhook-signature'].split(' ')).toHaveLength(1);
  });
});
