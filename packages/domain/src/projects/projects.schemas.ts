import { z } from 'zod';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { NetworkTypeSchema } from '../shared/network.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

export const SUBSCRIPTIONS = ['Freemium', 'Explorer', 'Modular', 'Tailored'] as const;
export const SubscriptionSchema = z.enum(SUBSCRIPTIONS);
export type Subscription = z.infer<typeof SubscriptionSchema>;

const limit = z.number().int().min(0).nullable().describe('null = no limit');

/** What a project may hold (PRODUCT §2). A device in several flows counts once. */
export const ProjectLimitsSchema = z
  .object({
    devices: limit.describe('Unique devices in the project; null = no limit'),
    devicesPerNetworkType: z
      .object({ LORA: limit, M2M: limit, INTERNET: limit })
      .describe('Devices per network type; null = no limit'),
    flows: limit,
    destinations: limit.describe('Destination links: a destination linked to two flows counts twice'),
    allowedNetworkTypes: z.array(NetworkTypeSchema).nullable().describe('null = every network type'),
    allowedDeviceTypeIds: z.array(z.string()).nullable().describe('null = every device type'),
  })
  .meta({ id: 'ProjectLimits' });
export type ProjectLimits = z.infer<typeof ProjectLimitsSchema>;

/** Freemium: ≤3 LoRa devices, ≤2 M2M devices, ≤3 destinations, one project. */
export function defaultLimits(subscription: Subscription): ProjectLimits {
  if (subscription === 'Freemium') {
    return {
      devices: 5,
      devicesPerNetworkType: { LORA: 3, M2M: 2, INTERNET: null },
      flows: 3,
      destinations: 3,
      allowedNetworkTypes: null,
      allowedDeviceTypeIds: null,
    };
  }
  return {
    devices: null,
    devicesPerNetworkType: { LORA: null, M2M: null, INTERNET: null },
    flows: null,
    destinations: null,
    allowedNetworkTypes: null,
    allowedDeviceTypeIds: null,
  };
}

export const ProjectUsageSchema = z.object({
  flows: z.number().int(),
  devices: z.number().int().describe('Unique devices in the project'),
  devicesPerNetworkType: z
    .object({ LORA: z.number().int(), M2M: z.number().int(), INTERNET: z.number().int() })
    .describe('Devices whose type supports each network type'),
  destinations: z.number().int().describe('Destination links: a destination in two flows counts twice'),
});

export const ProjectSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    subscription: SubscriptionSchema,
    expiresAt: Timestamp.nullable(),
    limits: ProjectLimitsSchema,
    usage: ProjectUsageSchema,
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof ProjectSchema>;

export const ProjectNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'The name must be at most 100 characters');
export const DescriptionSchema = storedText('The description', { multiLine: true })
  .trim()
  .max(1000, 'The description must be at most 1000 characters');

export const ProjectUpdateSchema = z
  .object({
    name: ProjectNameSchema,
    description: DescriptionSchema,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'ProjectUpdate' });
export type ProjectUpdate = z.infer<typeof ProjectUpdateSchema>;

export const PROJECT_SORT_FIELDS = ['name', 'createdAt', 'modifiedAt', 'subscription', 'expiresAt'] as const;
export const ProjectListQuerySchema = listQuerySchema(PROJECT_SORT_FIELDS, 'name').extend({
  subscription: SubscriptionSchema.optional(),
});
export type ProjectListQuery = z.output<typeof ProjectListQuerySchema>;
export const ProjectPageSchema = pageSchema(ProjectSchema);
