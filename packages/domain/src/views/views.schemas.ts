import { z } from 'zod';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';

export const MAX_VIEWS_PER_TABLE = 10;
export const VIEW_TABLES = ['devices', 'sims'] as const;
export const ViewTableSchema = z.enum(VIEW_TABLES);

/** What a view remembers: the table's URL state (filters, search, sort, columns in order, page size). */
export const ViewStateSchema = z
  .object({
    filters: z
      .record(
        storedText('A filter name').max(50),
        z.union([storedText('A filter').max(500), z.array(storedText('A filter').max(200)).max(100)]),
      )
      .default({}),
    q: storedText('The search text').max(200).optional(),
    sort: storedText('The sort').max(200).optional(),
    columns: z.array(storedText('A column').max(50)).max(50).optional(),
    pageSize: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type ViewState = z.infer<typeof ViewStateSchema>;

export const SavedViewSchema = z
  .object({
    id: z.uuid(),
    table: ViewTableSchema,
    name: z.string(),
    state: ViewStateSchema,
    isDefault: z.boolean(),
    createdAt: Timestamp,
    modifiedAt: Timestamp,
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof SavedViewSchema>;

const ViewNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(60, 'The name must be at most 60 characters');

export const SavedViewCreateSchema = z
  .object({
    table: ViewTableSchema,
    name: ViewNameSchema,
    state: ViewStateSchema,
    isDefault: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'SavedViewCreate' });
export type SavedViewCreate = z.input<typeof SavedViewCreateSchema>;

export const SavedViewUpdateSchema = z
  .object({ name: ViewNameSchema, state: ViewStateSchema, isDefault: z.boolean() })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'Nothing to update' })
  .meta({ id: 'SavedViewUpdate' });
export type SavedViewUpdate = z.infer<typeof SavedViewUpdateSchema>;

export const SavedViewListQuerySchema = z.object({ table: ViewTableSchema });
