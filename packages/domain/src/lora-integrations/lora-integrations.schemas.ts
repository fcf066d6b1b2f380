import { z } from 'zod';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

/** The largest network-server message a LoRa webhook reads: one message is a few kilobytes. */
export const LORA_BODY_LIMIT = 64 * 1024;

/**
 * A LoRa integration is one webhook endpoint a customer points a LoRa network server at (PRODUCT §6).
 * The network server authenticates with the integration's secret, and the integration's customer is the
 * only one whose devices it may send uplinks for.
 */
export const LORA_INTEGRATION_KINDS = ['thingpark', 'chirpstack'] as const;
export const LoraIntegrationKindSchema = z.enum(LORA_INTEGRATION_KINDS);
export type LoraIntegrationKind = z.infer<typeof LoraIntegrationKindSchema>;
export const loraIntegrationKindLabels: Record<LoraIntegrationKind, string> = {
  thingpark: 'Actility ThingPark',
  chirpstack: 'ChirpStack v4',
};

/** Where the network server posts: ChirpStack adds `?event=<type>` itself, ThingPark its tunnel query. */
export function loraWebhookPath(kind: LoraIntegrationKind, id: string): string {
  return `/ingestion/lora/${kind}/v1/${id}`;
}

export const LoraIntegrationSchema = z
  .object({
    id: z.uuid(),
    kind: LoraIntegrationKindSchema,
    name: z.string(),
    webhookPath: z.string().describe('Path of the webhook on this platform; prefix it with its public URL'),
    webhookUrl: z
      .string()
      .nullable()
      .describe(
        "The webhook's full URL when the server knows its public address (PUBLIC_URL); null otherwise",
      ),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'LoraIntegration' });
export type LoraIntegration = z.infer<typeof LoraIntegrationSchema>;

export const LoraIntegrationCreateSchema = z
  .object({
    kind: LoraIntegrationKindSchema,
    name: storedText('The name')
      .trim()
      .min(1, 'Enter a name')
      .max(100, 'The name must be at most 100 characters'),
  })
  .strict()
  .meta({ id: 'LoraIntegrationCreate' });
export type LoraIntegrationCreate = z.infer<typeof LoraIntegrationCreateSchema>;

export const LoraIntegrationCreatedSchema = LoraIntegrationSchema.extend({
  secret: z
    .string()
    .describe(
      'Shown once. ThingPark: the AS key (32 hex digits) of the tunnel-interface token, also accepted as ' +
        '`Authorization: Bearer <secret>`. ChirpStack: send it as the header `Authorization: Bearer <secret>`.',
    ),
}).meta({ id: 'LoraIntegrationCreated' });
export type LoraIntegrationCreated = z.infer<typeof LoraIntegrationCreatedSchema>;
