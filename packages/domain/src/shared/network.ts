import { z } from 'zod';

export const NETWORK_TYPES = ['LORA', 'M2M', 'INTERNET'] as const;
export const NetworkTypeSchema = z.enum(NETWORK_TYPES);
export type NetworkType = z.infer<typeof NetworkTypeSchema>;

export const networkTypeLabels: Record<NetworkType, string> = {
  LORA: 'LoRa',
  M2M: 'M2M',
  INTERNET: 'Internet',
};
