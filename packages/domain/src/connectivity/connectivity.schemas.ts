import { z } from 'zod';
import { IccidSchema } from '../devices/identifiers.ts';
import { booleanString, listQuerySchema, pageSchema } from '../shared/list.ts';
import { Timestamp } from '../shared/time.ts';
import { CommunicationPlanIdSchema, RatePlanIdSchema } from './connectivity.plans.ts';

export const SIM_STATUSES = ['ACTIVATED', 'ACTIVATION_READY', 'DEACTIVATED', 'RETIRED'] as const;
export const SimStatusSchema = z.enum(SIM_STATUSES, {
  message: `Unknown SIM status. Use one of: ${SIM_STATUSES.join(', ')}`,
});
export type SimStatus = z.infer<typeof SimStatusSchema>;

export const simStatusLabels: Record<SimStatus, string> = {
  ACTIVATED: 'Activated',
  ACTIVATION_READY: 'Activation Ready',
  DEACTIVATED: 'Deactivated',
  RETIRED: 'Retired',
};

/**
 * Where a SIM may go from each status, and why (the carrier's lifecycle, PRODUCT §4):
 * - Activation Ready → Activated: go live before the carrier activates the card on its first data.
 * - Activation Ready → Retired: a card prepared for a rollout that will never be used.
 *   Not → Deactivated: "Deactivated" means "was live, now off"; a card that never went live has nothing
 *   to switch off.
 * - Activated → Deactivated: out of service for a while; reusable later.
 *   Not → Retired: retiring cannot be undone, so a live SIM is switched off first — one deliberate step
 *   more keeps a mis-click from ending a deployed device's connectivity for good.
 *   Not → Activation Ready: that state exists only before a card's first use.
 * - Deactivated → Activated (reuse) or → Retired (disable permanently).
 * - Retired is final: nothing leaves it.
 */
const transitions: Record<SimStatus, readonly SimStatus[]> = {
  ACTIVATION_READY: ['ACTIVATED', 'RETIRED'],
  ACTIVATED: ['DEACTIVATED'],
  DEACTIVATED: ['ACTIVATED', 'RETIRED'],
  RETIRED: [],
};

export function allowedSimTransitions(from: SimStatus): readonly SimStatus[] {
  return transitions[from];
}

/**
 * Why a SIM cannot go from `from` to `to`, as a sentence for the user, or null when it can. Staying in
 * the same status is no change and always allowed.
 */
export function simTransitionProblem(from: SimStatus, to: SimStatus): string | null {
  if (from === to || transitions[from].includes(to)) return null;
  const label = (s: SimStatus) => `"${simStatusLabels[s]}"`;
  if (from === 'RETIRED') {
    return `This SIM is ${label(from)}: that is final, its status can no longer change.`;
  }
  if (from === 'ACTIVATED' && to === 'RETIRED') {
    return `Deactivate the SIM before retiring it: retiring an ${label(from)} SIM directly is not allowed because it cannot be undone.`;
  }
  const allowed = transitions[from].map(label).join(' or ');
  return `A SIM cannot go from ${label(from)} to ${label(to)}; from ${label(from)} it can become ${allowed}.`;
}

export const SimUsageSchema = z.object({
  bytes: z.number().int().describe('Data used since the SIM was provisioned, in bytes'),
  sms: z.number().int().describe('Text messages sent since the SIM was provisioned'),
});

export const SimSchema = z
  .object({
    id: z.uuid(),
    iccid: z.string(),
    status: SimStatusSchema,
    communicationPlan: z.string(),
    ratePlan: z.string(),
    apn: z.string().describe('Derived from the communication plan; cannot be set on its own'),
    imei: z
      .string()
      .nullable()
      .describe('IMEI of the device the SIM is in (linked to the device, not the SIM)'),
    deviceId: z.uuid().nullable(),
    projectId: z.uuid().nullable(),
    lastMessageAt: Timestamp.nullable().describe('Last data session reported by the carrier'),
    usage: SimUsageSchema,
    lastSyncAt: Timestamp.nullable().describe("Last synchronisation with the carrier's control centre"),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'Sim' });
export type Sim = z.infer<typeof SimSchema>;

export const SIM_SORT_FIELDS = [
  'iccid',
  'status',
  'communicationPlan',
  'ratePlan',
  'lastMessageAt',
  'lastSyncAt',
  'usage',
  'createdAt',
  'modifiedAt',
] as const;
export type SimSortField = (typeof SIM_SORT_FIELDS)[number];

/** `status=ACTIVATED,DEACTIVATED`: a comma list, each value checked so a typo is reported, not ignored. */
const statusList = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const parts = [...new Set(value.split(',').map((s) => s.trim()))].filter((s) => s !== '');
    for (const part of parts) {
      if (!(SIM_STATUSES as readonly string[]).includes(part)) {
        ctx.addIssue({ code: 'custom', message: `Unknown status "${part}". Use ${SIM_STATUSES.join(', ')}` });
      }
    }
    return parts as SimStatus[];
  })
  .describe(`Comma list of statuses: ${SIM_STATUSES.join(', ')}`);

export const SimListQuerySchema = listQuerySchema(SIM_SORT_FIELDS, 'iccid').extend({
  q: z.string().trim().max(200).optional().describe('Partial match on the digits of the ICCID or the IMEI'),
  iccid: z
    .string()
    .trim()
    .regex(/^\d{1,20}$/, 'Search with 1 to 20 digits of the ICCID')
    .optional()
    .describe('ICCIDs containing these digits'),
  status: statusList.optional(),
  communicationPlan: z.string().trim().min(1).max(100).optional(),
  ratePlan: z.string().trim().min(1).max(100).optional(),
  linked: booleanString.optional().describe('true: only SIMs linked to a device; false: only unlinked ones'),
});
export type SimListQuery = z.output<typeof SimListQuerySchema>;
export const SimPageSchema = pageSchema(SimSchema);

export const SimUpdateSchema = z
  .object({
    status: SimStatusSchema,
    communicationPlan: CommunicationPlanIdSchema,
    ratePlan: RatePlanIdSchema,
    projectId: z.uuid({ message: 'projectId must be a uuid' }).nullable(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'SimUpdate' });
export type SimUpdate = z.infer<typeof SimUpdateSchema>;

export const SimLinkSchema = z
  .object({ deviceId: z.uuid({ message: 'deviceId must be a uuid' }) })
  .strict()
  .meta({ id: 'SimLink' });
export type SimLink = z.infer<typeof SimLinkSchema>;

export const SimSwapSchema = z
  .object({ newIccid: IccidSchema.describe('The SIM now in the device; it must be in this account') })
  .strict()
  .meta({ id: 'SimSwap' });
export type SimSwap = z.infer<typeof SimSwapSchema>;

export const SimSwapResultSchema = z
  .object({
    from: SimSchema.describe('The SIM taken out: no longer linked'),
    to: SimSchema.describe('The SIM now linked to the device'),
  })
  .meta({ id: 'SimSwapResult' });
export type SimSwapResult = z.infer<typeof SimSwapResultSchema>;

export const SimSyncResultSchema = z
  .object({
    synced: z.number().int().describe('SIMs read from the carrier and stored'),
    syncedAt: Timestamp,
  })
  .meta({ id: 'SimSyncResult' });
export type SimSyncResult = z.infer<typeof SimSyncResultSchema>;
