import { describe, expect, it } from 'vitest';
import { allowsDeviceType, exceedsDeviceLimit, exceedsFlowLimit } from './limits.ts';
import { defaultLimits } from './projects.schemas.ts';

const usage = (total: number, LORA = 0, M2M = 0, INTERNET = 0) => ({
  total,
  byNetworkType: { LORA, M2M, INTERNET },
});

describe('Freemium limits', () => {
  const limits = defaultLimits('Freemium');

  it('allow three LoRa devices and refuse the fourth', () => {
    expect(exceedsDeviceLimit(limits, usage(2, 2), ['LORA'])).toBe(false);
    expect(exceedsDeviceLimit(limits, usage(3, 3), ['LORA'])).toBe(true);
  });

  it('allow two M2M devices next to three LoRa ones', () => {
    expect(exceedsDeviceLimit(limits, usage(4, 3, 1), ['M2M'])).toBe(false);
    expect(exceedsDeviceLimit(limits, usage(5, 3, 2), ['M2M'])).toBe(true);
  });

  it('count bulk additions as a whole', () => {
    expect(exceedsDeviceLimit(limits, usage(0), ['LORA'], 3)).toBe(false);
    expect(exceedsDeviceLimit(limits, usage(0), ['LORA'], 4)).toBe(true);
  });

  it('cap flows', () => {
    expect(exceedsFlowLimit(limits, 2)).toBe(false);
    expect(exceedsFlowLimit(limits, 3)).toBe(true);
  });
});

describe('unlimited projects', () => {
  it('never exceed', () => {
    const limits = defaultLimits('Modular');
    expect(exceedsDeviceLimit(limits, usage(1_000_000, 1_000_000), ['LORA'], 1000)).toBe(false);
    expect(exceedsFlowLimit(limits, 10_000)).toBe(false);
  });

  it('still respect allowed types', () => {
    const limits = { ...defaultLimits('Tailored'), allowedNetworkTypes: ['M2M' as const] };
    expect(allowsDeviceType(limits, 'own-m2m', ['M2M'])).toBe(true);
    expect(allowsDeviceType(limits, 'generic-lora-preset', ['LORA'])).toBe(false);
  });
});
