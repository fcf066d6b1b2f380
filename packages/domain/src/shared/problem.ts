import { z } from 'zod';

/** RFC 7807 problem details, as every error of the API is answered. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().describe('Stable machine-readable error code `<feature>.<reason>`'),
    requestId: z.string().optional(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe('Per-field messages for validation errors; keys are dotted paths such as `body.name`'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;
