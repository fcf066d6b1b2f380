import { z } from 'zod';
import { BASE64URL_UNPADDED } from '../shared/bytes.ts';

/**
 * SenML (RFC 8428) in its JSON form, plus ThingsML's measurement index `i_`. Labels are the RFC's
 * (Table 1): base fields bn bt bu bv bs bver; regular fields n u v vs vb vd s t ut.
 */

const finite = (label: string) => z.number({ error: `${label} must be a number` });

/** `vd` is base64url without padding (RFC 8428 §4.3); a length of 4k+1 cannot come from any bytes. */
const dataValue = z
  .string({ error: 'vd must be a base64url string' })
  .regex(BASE64URL_UNPADDED, 'vd must be base64url without padding (RFC 8428 §4.3)')
  .refine((s) => s.length % 4 !== 1, 'vd is not valid base64url: its length is impossible');

export const SenmlRecordSchema = z.looseObject({
  bn: z.string({ error: 'bn must be a string' }).optional(),
  bt: finite('bt').optional(),
  bu: z.string({ error: 'bu must be a string' }).optional(),
  bv: finite('bv').optional(),
  bs: finite('bs').optional(),
  bver: z.number({ error: 'bver must be a number' }).int('bver must be an integer').optional(),
  n: z.string({ error: 'n must be a string' }).optional(),
  u: z.string({ error: 'u must be a string' }).optional(),
  v: finite('v').optional(),
  vs: z.string({ error: 'vs must be a string' }).optional(),
  vb: z.boolean({ error: 'vb must be true or false' }).optional(),
  vd: dataValue.optional(),
  s: finite('s').optional(),
  t: finite('t').optional(),
  ut: finite('ut').optional(),
  /** ThingsML measurement index: stands for a name and unit of `THINGSML_FIELDS`. */
  i_: z.number({ error: 'i_ must be a number' }).int('i_ must be an integer').optional(),
});
export type SenmlRecord = z.infer<typeof SenmlRecordSchema>;

export const SenmlPackSchema = z.array(SenmlRecordSchema, {
  error: 'A SenML pack is a JSON array of records',
});
export type SenmlPack = z.infer<typeof SenmlPackSchema>;

/** Names after resolution (RFC 8428 §4.5.1): URI-safe characters, starting with a letter or digit. */
export const RESOLVED_NAME = /^[A-Za-z0-9][A-Za-z0-9:./_-]*$/;

/**
 * A resolved record (RFC 8428 §4.6): full name, absolute time in Unix seconds, no base fields except
 * `bver`, which is present only when the pack is not SenML version 10.
 */
export const ResolvedSenmlRecordSchema = z.object({
  n: z.string().regex(RESOLVED_NAME),
  u: z.string().optional(),
  v: z.number().optional(),
  vs: z.string().optional(),
  vb: z.boolean().optional(),
  vd: z.string().optional(),
  s: z.number().optional(),
  t: z.number(),
  ut: z.number().optional(),
  bver: z.number().int().optional(),
});
export type ResolvedSenmlRecord = z.infer<typeof ResolvedSenmlRecordSchema>;

/** The SenML version this code implements (RFC 8428). */
export const SENML_VERSION = 10;

/** Times below 2^28 s are relative to "now"; at or above, Unix time (RFC 8428 §4.5.3). */
export const RELATIVE_TIME_LIMIT = 2 ** 28;

/** A pack that cannot be used, with a sentence that says why and where. */
export class SenmlError extends Error {
  /** Index of the offending record in the pack, when there is one. */
  readonly record: number | undefined;

  constructor(message: string, record?: number) {
    super(record === undefined ? message : `pack[${record}]: ${message}`);
    this.name = 'SenmlError';
    this.record = record;
  }
}

/** Validates a parsed JSON value as a SenML pack; throws a `SenmlError` naming the first problem. */
export function parseSenmlPack(input: unknown): SenmlPack {
  const result = SenmlPackSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const [index, field] = issue.path;
  if (typeof index !== 'number') throw new SenmlError(issue.message);
  if (field === undefined) throw new SenmlError('a SenML record must be a JSON object', index);
  throw new SenmlError(issue.message, index);
}
