import { z } from 'zod';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { Timestamp, TimestampQuery } from '../shared/time.ts';

/**
 * What users see of deliveries to one destination: the attempt log, the dead letters with their
 * replay, and the test endpoint's inbox.
 */

/** A receiver's answer is kept up to this many characters: enough to read an error, not a web page. */
export const RESPONSE_EXCERPT_MAX_CHARS = 2048;

/** The attempt log, the dead letters and the inbox are per-destination tables without project scope. */
const scopeless = {
  q: true,
  projectId: true,
  createdBefore: true,
  createdSince: true,
  modifiedBefore: true,
  modifiedSince: true,
} as const;

export const DeliveryAttemptSchema = z
  .object({
    id: z.number().int(),
    deliveryId: z.uuid(),
    at: Timestamp.describe('When the request was sent'),
    requestHeaders: z
      .record(z.string(), z.string())
      .describe('Headers sent, credentials replaced by [redacted]'),
    status: z.number().int().nullable().describe('HTTP status; null when no answer came'),
    latencyMs: z.number().int().describe('From sending the request to the end of the answer, or the failure'),
    response: z
      .string()
      .nullable()
      .describe(`The start of the answer body, at most ${RESPONSE_EXCERPT_MAX_CHARS} characters`),
    error: z.string().nullable().describe('Network error or timeout; null when an answer came'),
  })
  .meta({ id: 'DeliveryAttempt' });
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DELIVERY_ATTEMPT_SORT_FIELDS = ['at'] as const;
export const DeliveryAttemptListQuerySchema = listQuerySchema(DELIVERY_ATTEMPT_SORT_FIELDS, '-at')
  .omit(scopeless)
  .extend({
    deliveryId: z
      .uuid({ message: 'deliveryId must be a uuid' })
      .optional()
      .describe('Attempts of one delivery'),
    since: TimestampQuery.optional().describe('Attempts at or after this time'),
    before: TimestampQuery.optional().describe('Attempts before this time'),
  });
export type DeliveryAttemptListQuery = z.output<typeof DeliveryAttemptListQuerySchema>;
export const DeliveryAttemptPageSchema = pageSchema(DeliveryAttemptSchema).meta({
  id: 'DeliveryAttemptPage',
});

/** A message that could not be delivered: every retry failed, or the receiver refused it for good. */
export const DeadLetterSchema = z
  .object({
    id: z.uuid().describe('The delivery id; replay with it'),
    uplinkId: z.uuid(),
    deviceId: z.uuid(),
    flowId: z.uuid().nullable().describe('The flow that forwarded it; null when the flow was deleted'),
    attempts: z.number().int(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: Timestamp.describe('When the message was queued for this destination'),
    deadAt: Timestamp.describe('When it was given up'),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const DEAD_LETTER_SORT_FIELDS = ['deadAt'] as const;
export const DeadLetterListQuerySchema = listQuerySchema(DEAD_LETTER_SORT_FIELDS, '-deadAt')
  .omit(scopeless)
  .extend({
    deviceId: z.uuid({ message: 'deviceId must be a uuid' }).optional(),
    since: TimestampQuery.optional().describe('Given up at or after this time'),
    before: TimestampQuery.optional().describe('Given up before this time'),
  });
export type DeadLetterListQuery = z.output<typeof DeadLetterListQuerySchema>;
export const DeadLetterPageSchema = pageSchema(DeadLetterSchema).meta({ id: 'DeadLetterPage' });

export const DeadLetterReplaySinceSchema = z
  .object({ since: TimestampQuery.describe('Replay every dead letter given up at or after this time') })
  .strict()
  .meta({ id: 'DeadLetterReplaySince' });
export type DeadLetterReplaySince = z.output<typeof DeadLetterReplaySinceSchema>;

export const DeadLetterReplayResultSchema = z
  .object({ replayed: z.number().int().describe('Dead letters queued again for delivery') })
  .meta({ id: 'DeadLetterReplayResult' });

/** The test endpoint keeps this many requests; older ones drop off. */
export const INBOX_SIZE = 100;

export const InboxRequestSchema = z
  .object({
    id: z.number().int(),
    receivedAt: Timestamp,
    headers: z.record(z.string(), z.string()),
    body: z.string(),
  })
  .meta({ id: 'TestEndpointRequest' });
export type InboxRequest = z.infer<typeof InboxRequestSchema>;

export const InboxSchema = z
  .object({ data: z.array(InboxRequestSchema).max(INBOX_SIZE).describe('Newest first') })
  .meta({ id: 'TestEndpointInbox' });

/** What "Test connection" found: the destination tried without a real delivery (PRODUCT §6). */
export const ConnectionTestSchema = z
  .object({
    ok: z.boolean().describe('Whether the destination accepted the test (a 2xx answer, or a broker login)'),
    message: z.string().describe('What answered, or why nothing did'),
    status: z.number().int().nullable().describe('The HTTP status the endpoint answered; null for MQTT'),
    latencyMs: z.number().int().nonnegative(),
  })
  .meta({ id: 'ConnectionTest' });
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
