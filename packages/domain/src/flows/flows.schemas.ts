import { z } from 'zod';
import { DescriptionSchema } from '../projects/projects.schemas.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

/** A flow (API: device group) links devices, decoders and destinations inside one project. */
export const FlowSchema = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    name: z.string(),
    description: z.string(),
    deviceCount: z.number().int(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'DeviceGroup' });
export type Flow = z.infer<typeof FlowSchema>;

export const FlowNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'The name must be at most 100 characters');

export const FlowCreateSchema = z
  .object({
    projectId: z.uuid({ message: 'Choose a project' }),
    name: FlowNameSchema,
    description: DescriptionSchema.default(''),
  })
  .strict()
  .meta({ id: 'DeviceGroupCreate' });
export type FlowCreate = z.input<typeof FlowCreateSchema>;

export const FlowUpdateSchema = z
  .object({ name: FlowNameSchema, description: DescriptionSchema })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'DeviceGroupUpdate' });

export const FLOW_SORT_FIELDS = ['name', 'createdAt', 'modifiedAt'] as const;
export const FlowListQuerySchema = listQuerySchema(FLOW_SORT_FIELDS, 'name');
export type FlowListQuery = z.output<typeof FlowListQuerySchema>;
export const FlowPageSchema = pageSchema(FlowSchema);
