import { z } from 'zod';
import { Timestamp } from '../shared/time.ts';

/** Header with which a reseller acts in one of its sub-customers' environments. */
export const CUSTOMER_CONTEXT_HEADER = 'X-Customer-Context';

export const CustomerSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    isReseller: z.boolean(),
    resellerId: z.uuid().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof CustomerSchema>;

export const CustomerListSchema = z.object({ data: z.array(CustomerSchema) });
