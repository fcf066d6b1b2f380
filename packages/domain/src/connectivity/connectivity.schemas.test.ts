import { describe, expect, it } from 'vitest';
import { IccidSchema } from '../devices/identifiers.ts';
import { luhnCheckDigit } from '../shared/luhn.ts';
import {
  apnForCommunicationPlan,
  COMMUNICATION_PLANS,
  DEFAULT_APN,
  LORA_CONNECTIVITY_PLANS,
  LoraConnectivityPlanIdSchema,
  planCombinationProblem,
  RATE_PLANS,
} from './connectivity.plans.ts';
import {
  allowedSimTransitions,
  SIM_STATUSES,
  SimListQuerySchema,
  type SimStatus,
  SimUpdateSchema,
  simStatusLabels,
  simTransitionProblem,
} from './connectivity.schemas.ts';

describe('SIM status transitions', () => {
  it('allows exactly the lifecycle moves of the carrier', () => {
    const allowed = Object.fromEntries(SIM_STATUSES.map((s) => [s, [...allowedSimTransitions(s)].sort()]));
    expect(allowed).toEqual({
      ACTIVATION_READY: ['ACTIVATED', 'RETIRED'],
      ACTIVATED: ['DEACTIVATED'],
      DEACTIVATED: ['ACTIVATED', 'RETIRED'],
      RETIRED: [],
    });
  });

  it('never lets a SIM leave Retired', () => {
    for (const to of SIM_STATUSES.filter((s) => s !== 'RETIRED')) {
      expect(simTransitionProblem('RETIRED', to)).toMatch(/"Retired": that is final/);
    }
  });

  it('treats keeping the same status as no change', () => {
    for (const s of SIM_STATUSES) expect(simTransitionProblem(s, s)).toBeNull();
  });

  it('explains the refused moves in words', () => {
    expect(simTransitionProblem('ACTIVATED', 'RETIRED')).toMatch(/^Deactivate the SIM before retiring it/);
    expect(simTransitionProblem('ACTIVATION_READY', 'DEACTIVATED')).toBe(
      'A SIM cannot go from "Activation Ready" to "Deactivated"; from "Activation Ready" it can become "Activated" or "Retired".',
    );
    expect(simTransitionProblem('ACTIVATED', 'ACTIVATION_READY')).toMatch(/can become "Deactivated"\.$/);
  });

  it('answers null for every allowed move and a sentence for every other one', () => {
    for (const from of SIM_STATUSES) {
      for (const to of SIM_STATUSES) {
        const allowed = from === to || allowedSimTransitions(from).includes(to);
        expect(simTransitionProblem(from, to) === null, `${from} → ${to}`).toBe(allowed);
      }
    }
  });

  it('labels statuses as the portal shows them', () => {
    expect(SIM_STATUSES.map((s: SimStatus) => simStatusLabels[s])).toEqual([
      'Activated',
      'Activation Ready',
      'Deactivated',
      'Retired',
    ]);
  });
});

describe('APN', () => {
  it('follows from the communication plan, the platform APN by default', () => {
    expect(DEFAULT_APN).toBe('things.m2m');
    expect(apnForCommunicationPlan('things-m2m')).toBe('things.m2m');
    expect(apnForCommunicationPlan('private-network')).toBe('private.things.m2m');
    expect(apnForCommunicationPlan('internet-breakout')).toBe('internet.things.m2m');
  });

  it('falls back to the platform APN for a plan the catalogue does not know', () => {
    expect(apnForCommunicationPlan('made-for-one-customer')).toBe(DEFAULT_APN);
  });

  it('has at least one plan with its own APN and unique ids in every catalogue', () => {
    expect(COMMUNICATION_PLANS.some((p) => p.apn !== DEFAULT_APN)).toBe(true);
    for (const list of [COMMUNICATION_PLANS, RATE_PLANS, LORA_CONNECTIVITY_PLANS]) {
      const ids = list.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('plan combinations', () => {
  it('needs economy roaming for an economy rate plan', () => {
    expect(planCombinationProblem('things-m2m', 'm2m-economy-500mb')).toMatch(/economy roaming/);
    expect(planCombinationProblem('things-m2m-economy', 'm2m-economy-500mb')).toBeNull();
    expect(planCombinationProblem('things-m2m-economy', 'm2m-100mb')).toBeNull();
    expect(planCombinationProblem('things-m2m', 'm2m-1gb')).toBeNull();
  });

  it('has no opinion on plans outside the catalogue', () => {
    expect(planCombinationProblem('custom', 'm2m-economy-500mb')).toBeNull();
  });
});

describe('LoRa connectivity plans', () => {
  it('offer plans with and without geolocation under stable ids', () => {
    expect(LORA_CONNECTIVITY_PLANS.map((p) => [p.id, p.geolocation])).toEqual([
      ['lora-basic', false],
      ['lora-geolocation', true],
      ['lora-plus', false],
      ['lora-plus-geolocation', true],
    ]);
    expect(LoraConnectivityPlanIdSchema.safeParse('lora-geolocation').success).toBe(true);
    expect(LoraConnectivityPlanIdSchema.safeParse('lora-gold').success).toBe(false);
  });
});

describe('ICCID', () => {
  it('takes 19 or 20 Luhn-valid digits', () => {
    const payload = '893108711900000001';
    const nineteen = `${payload}${luhnCheckDigit(payload)}`;
    expect(IccidSchema.parse(` ${nineteen} `)).toBe(nineteen);
    expect(IccidSchema.safeParse('89014103211118510720').success).toBe(true);
    // Looks right, but its check digit would have to be 6.
    expect(IccidSchema.safeParse('8931087119012345678').error?.issues[0]?.message).toMatch(/Luhn/);
    expect(IccidSchema.safeParse('893108711901234').error?.issues[0]?.message).toBe(
      'ICCID must be 19 or 20 digits',
    );
  });
});

describe('SIM list query', () => {
  it('reads partial ICCID digits, a status list, plans and the linked switch', () => {
    const q = SimListQuerySchema.parse({
      iccid: ' 8931 ',
      status: 'ACTIVATED, DEACTIVATED,ACTIVATED',
      communicationPlan: 'things-m2m',
      linked: 'false',
      includeTotal: 'true',
    });
    expect(q).toMatchObject({
      iccid: '8931',
      status: ['ACTIVATED', 'DEACTIVATED'],
      communicationPlan: 'things-m2m',
      linked: false,
      includeTotal: true,
      sort: [{ field: 'iccid', desc: false }],
      limit: 50,
    });
  });

  it('reports an unknown status, non-digits in the ICCID search and a bad switch', () => {
    const bad = SimListQuerySchema.safeParse({ iccid: '89-31', status: 'ACTIVE', linked: 'yes' });
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(messages).toEqual({
      iccid: 'Search with 1 to 20 digits of the ICCID',
      status: 'Unknown status "ACTIVE". Use ACTIVATED, ACTIVATION_READY, DEACTIVATED, RETIRED',
      linked: 'Use true or false',
    });
  });
});

describe('SIM update', () => {
  it('accepts a status, catalogue plans and a project (or none)', () => {
    expect(
      SimUpdateSchema.parse({ status: 'DEACTIVATED', communicationPlan: 'private-network', projectId: null }),
    ).toEqual({ status: 'DEACTIVATED', communicationPlan: 'private-network', projectId: null });
  });

  it('rejects unknown plans, unknown fields and an empty change', () => {
    const plan = SimUpdateSchema.safeParse({ ratePlan: 'unlimited' });
    expect(plan.error?.issues[0]).toMatchObject({ path: ['ratePlan'] });
    expect(plan.error?.issues[0]?.message).toMatch(/^Unknown rate plan/);
    expect(SimUpdateSchema.safeParse({ apn: 'my.apn' }).success).toBe(false);
    expect(SimUpdateSchema.safeParse({}).error?.issues[0]?.message).toBe('Nothing to update');
  });
});
