import { z } from 'zod';

/**
 * Plan catalogues of the Connectivity feature (PRODUCT §4). Ids are stable: they are stored on SIMs
 * and network adapters and sent to the carrier, so a name may change but an id never does.
 */

/** The platform's APN: traffic on it lands in OpenThings. Plans without their own APN use it. */
export const DEFAULT_APN = 'things.m2m';

export interface CommunicationPlan {
  id: string;
  name: string;
  description: string;
  /** The APN cannot be set on its own: it follows from the communication plan. */
  apn: string;
  /**
   * Restricts roaming to the economy-zone operators. Economy rate plans are priced for those operators
   * only; without this restriction usage elsewhere is billed as "Other", at a much higher price.
   */
  economyRoaming: boolean;
}

export const COMMUNICATION_PLANS = [
  {
    id: 'things-m2m',
    name: 'Things M2M',
    description: 'Data to the OpenThings platform; roaming on every premium-zone network.',
    apn: DEFAULT_APN,
    economyRoaming: false,
  },
  {
    id: 'things-m2m-economy',
    name: 'Things M2M Economy roaming',
    description: 'Data to the OpenThings platform; roaming limited to the economy-zone operators.',
    apn: DEFAULT_APN,
    economyRoaming: true,
  },
  {
    id: 'private-network',
    name: 'Private network (Tailored)',
    description: "Data to the customer's own network through a private APN.",
    apn: 'private.things.m2m',
    economyRoaming: false,
  },
  {
    id: 'internet-breakout',
    name: 'Internet breakout',
    description: 'Direct internet access for devices that talk to their own servers.',
    apn: 'internet.things.m2m',
    economyRoaming: false,
  },
] as const satisfies readonly CommunicationPlan[];

export type CommunicationPlanId = (typeof COMMUNICATION_PLANS)[number]['id'];
export const DEFAULT_COMMUNICATION_PLAN_ID: CommunicationPlanId = 'things-m2m';

export interface RatePlan {
  id: string;
  name: string;
  description: string;
  dataMbPerMonth: number;
  smsPerMonth: number;
  zone: 'premium' | 'economy';
}

export const RATE_PLANS = [
  {
    id: 'm2m-10mb',
    name: 'M2M 10 MB',
    description: 'Sensors that report a few times an hour.',
    dataMbPerMonth: 10,
    smsPerMonth: 10,
    zone: 'premium',
  },
  {
    id: 'm2m-100mb',
    name: 'M2M 100 MB',
    description: 'Trackers and meters with frequent reports.',
    dataMbPerMonth: 100,
    smsPerMonth: 50,
    zone: 'premium',
  },
  {
    id: 'm2m-1gb',
    name: 'M2M 1 GB',
    description: 'Gateways, cameras and firmware updates over the air.',
    dataMbPerMonth: 1024,
    smsPerMonth: 100,
    zone: 'premium',
  },
  {
    id: 'm2m-economy-500mb',
    name: 'M2M Economy 500 MB',
    description: 'Lower price on a selected set of operators per country; needs economy roaming.',
    dataMbPerMonth: 500,
    smsPerMonth: 0,
    zone: 'economy',
  },
] as const satisfies readonly RatePlan[];

export type RatePlanId = (typeof RATE_PLANS)[number]['id'];
export const DEFAULT_RATE_PLAN_ID: RatePlanId = 'm2m-10mb';

const communicationPlanIds = COMMUNICATION_PLANS.map((p) => p.id) as [
  CommunicationPlanId,
  ...CommunicationPlanId[],
];
const ratePlanIds = RATE_PLANS.map((p) => p.id) as [RatePlanId, ...RatePlanId[]];

export const CommunicationPlanIdSchema = z.enum(communicationPlanIds, {
  message: `Unknown communication plan. Use one of: ${communicationPlanIds.join(', ')}`,
});
export const RatePlanIdSchema = z.enum(ratePlanIds, {
  message: `Unknown rate plan. Use one of: ${ratePlanIds.join(', ')}`,
});

export function findCommunicationPlan(id: string): CommunicationPlan | undefined {
  return COMMUNICATION_PLANS.find((p) => p.id === id);
}

export function findRatePlan(id: string): RatePlan | undefined {
  return RATE_PLANS.find((p) => p.id === id);
}

/**
 * The APN of a SIM follows from its communication plan. A carrier may report a plan made for one
 * customer that this catalogue does not list; its traffic still goes to the platform's APN.
 */
export function apnForCommunicationPlan(communicationPlanId: string): string {
  return findCommunicationPlan(communicationPlanId)?.apn ?? DEFAULT_APN;
}

/**
 * Why a communication plan and a rate plan cannot go together, or null when they can. Plans outside
 * the catalogue are the carrier's business: no opinion on them.
 */
export function planCombinationProblem(communicationPlanId: string, ratePlanId: string): string | null {
  const comm = findCommunicationPlan(communicationPlanId);
  const rate = findRatePlan(ratePlanId);
  if (!comm || !rate) return null;
  if (rate.zone === 'economy' && !comm.economyRoaming) {
    return `The rate plan "${rate.name}" covers economy-zone operators only; choose a communication plan with economy roaming, such as "Things M2M Economy roaming".`;
  }
  return null;
}

export const CommunicationPlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    apn: z.string(),
    economyRoaming: z.boolean(),
  })
  .meta({ id: 'CommunicationPlan' });
export const RatePlanSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    dataMbPerMonth: z.number().int(),
    smsPerMonth: z.number().int(),
    zone: z.enum(['premium', 'economy']),
  })
  .meta({ id: 'RatePlan' });
export const SimPlansSchema = z
  .object({ communicationPlans: z.array(CommunicationPlanSchema), ratePlans: z.array(RatePlanSchema) })
  .meta({ id: 'SimPlans' });
export type SimPlans = z.infer<typeof SimPlansSchema>;

/** LoRa connectivity plans: a device's plan decides, among others, whether the network locates it. */
export const LORA_CONNECTIVITY_PLANS = [
  {
    id: 'lora-basic',
    name: 'LoRa Basic',
    description: 'Uplinks and downlinks on the LoRa network.',
    geolocation: false,
  },
  {
    id: 'lora-geolocation',
    name: 'LoRa Geolocation',
    description: 'LoRa Basic plus a network-computed location for every uplink heard by enough gateways.',
    geolocation: true,
  },
  {
    id: 'lora-plus',
    name: 'LoRa Plus',
    description: 'More downlinks per day and confirmed uplinks for devices that are steered often.',
    geolocation: false,
  },
  {
    id: 'lora-plus-geolocation',
    name: 'LoRa Plus Geolocation',
    description: 'LoRa Plus with network geolocation.',
    geolocation: true,
  },
] as const satisfies readonly { id: string; name: string; description: string; geolocation: boolean }[];

export type LoraConnectivityPlanId = (typeof LORA_CONNECTIVITY_PLANS)[number]['id'];
export const DEFAULT_LORA_CONNECTIVITY_PLAN_ID: LoraConnectivityPlanId = 'lora-basic';

const loraPlanIds = LORA_CONNECTIVITY_PLANS.map((p) => p.id) as [
  LoraConnectivityPlanId,
  ...LoraConnectivityPlanId[],
];
export const LoraConnectivityPlanIdSchema = z.enum(loraPlanIds, {
  message: `Unknown LoRa connectivity plan. Use one of: ${loraPlanIds.join(', ')}`,
});

export const LoraConnectivityPlanSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), geolocation: z.boolean() })
  .meta({ id: 'LoraConnectivityPlan' });
export type LoraConnectivityPlan = z.infer<typeof LoraConnectivityPlanSchema>;
export const LoraConnectivityPlanListSchema = z.object({ data: z.array(LoraConnectivityPlanSchema) });
