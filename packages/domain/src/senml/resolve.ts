import {
  parseSenmlPack,
  RELATIVE_TIME_LIMIT,
  RESOLVED_NAME,
  type ResolvedSenmlRecord,
  SENML_VERSION,
  SenmlError,
  type SenmlPack,
  type SenmlRecord,
} from './senml.schemas.ts';
import { expandThingsml } from './thingsml.ts';

export interface ResolveOptions {
  /**
   * "Now" in Unix seconds (fractions allowed): the reference for relative times, normally when the
   * platform received the pack. Passed in because the domain keeps no clock.
   */
  now: number;
  /**
   * Base name in effect until the pack sets its own `bn`: the device URN for devices that leave it out,
   * so resolved names stay globally unique as RFC 8428 §4.5.1 wants.
   */
  baseName?: string;
  /**
   * Called for each resolved record with its index in the pack, before the records are sorted: a
   * returned sentence refuses the pack as a `SenmlError` naming that record.
   */
  check?: (record: ResolvedSenmlRecord, index: number) => string | null;
}

/** Labels this code understands; among labels ending in '_', only these may appear (RFC 8428 §4.4). */
const MUST_UNDERSTAND = new Set(['i_']);

/**
 * Resolves a SenML pack (RFC 8428 §4.6), given as parsed JSON: ThingsML indices become names and units,
 * base name/time/unit/value/sum are applied, relative times (below 2^28) are made absolute against
 * `now`, and the records are returned in chronological order (stable: equal times keep pack order).
 * Throws `SenmlError` with a sentence naming the record for anything it cannot use.
 */
export function resolveSenml(input: unknown, options: ResolveOptions): ResolvedSenmlRecord[] {
  if (!Number.isFinite(options.now)) throw new SenmlError('now must be a finite number of seconds');
  const parsed = parseSenmlPack(input);
  rejectUnknownMustUnderstand(parsed);
  const pack = expandThingsml(parsed);

  let baseName = options.baseName ?? '';
  let baseTime = 0;
  let baseUnit: string | undefined;
  let baseValue: number | undefined;
  let baseSum: number | undefined;
  let version: number | undefined;

  const resolved: ResolvedSenmlRecord[] = [];
  pack.forEach((record, index) => {
    // Base fields apply to the record that carries them and to every later one (§4).
    if (record.bn !== undefined) baseName = record.bn;
    if (record.bt !== undefined) baseTime = record.bt;
    if (record.bu !== undefined) baseUnit = record.bu;
    if (record.bv !== undefined) baseValue = record.bv;
    if (record.bs !== undefined) baseSum = record.bs;
    version = checkVersion(record, index, version);
    if (isBaseOnly(record)) return;

    const out: ResolvedSenmlRecord = { n: resolveName(baseName, record, index), t: 0 };
    const unit = record.u ?? baseUnit;
    if (unit !== undefined) out.u = unit;
    resolveValue(out, record, baseValue, baseSum, index);
    out.t = resolveTime(baseTime, record.t, options.now);
    if (record.ut !== undefined) out.ut = record.ut;
    if (version !== SENML_VERSION) out.bver = version;
    const problem = options.check?.(out, index);
    if (problem) throw new SenmlError(problem, index);
    resolved.push(out);
  });
  // Resolved records are in chronological order (§4.6); Array.prototype.sort is stable.
  return resolved.sort((a, b) => a.t - b.t);
}

const BASE_FIELDS = ['bn', 'bt', 'bu', 'bv', 'bs', 'bver'] as const;
const REGULAR_FIELDS = ['n', 'u', 'v', 'vs', 'vb', 'vd', 's', 't', 'ut'] as const;

/**
 * A record of base fields only sets them for the records after it and is no measurement itself: RFC
 * 8428's own examples (§5.1.6, its generated resolved forms) and older firmware send `{bn, bt}` first.
 */
function isBaseOnly(record: SenmlRecord): boolean {
  return (
    BASE_FIELDS.some((label) => record[label] !== undefined) &&
    REGULAR_FIELDS.every((label) => record[label] === undefined)
  );
}

function rejectUnknownMustUnderstand(pack: SenmlPack): void {
  pack.forEach((record, index) => {
    for (const label of Object.keys(record)) {
      if (label.endsWith('_') && !MUST_UNDERSTAND.has(label)) {
        throw new SenmlError(
          `label ${JSON.stringify(label)} ends in '_' (must-understand) and is not supported`,
          index,
        );
      }
    }
  });
}

function checkVersion(record: SenmlRecord, index: number, current: number | undefined): number {
  const version = record.bver ?? current ?? SENML_VERSION;
  if (version > SENML_VERSION) {
    throw new SenmlError(
      `the pack uses SenML version ${version}; only version ${SENML_VERSION} and older are read`,
      index,
    );
  }
  if (current !== undefined && record.bver !== undefined && record.bver !== current) {
    throw new SenmlError(
      `bver ${record.bver} differs from the pack's version ${current}; all records must agree`,
      index,
    );
  }
  return version;
}

function resolveName(baseName: string, record: SenmlRecord, index: number): string {
  const name = baseName + (record.n ?? '');
  if (name === '') throw new SenmlError('the record has no name: neither bn nor n is set', index);
  if (!RESOLVED_NAME.test(name)) {
    throw new SenmlError(
      `name ${JSON.stringify(name)} is not a valid SenML name: use letters, digits and - : . / _, starting with a letter or digit`,
      index,
    );
  }
  return name;
}

function resolveValue(
  out: ResolvedSenmlRecord,
  record: SenmlRecord,
  baseValue: number | undefined,
  baseSum: number | undefined,
  index: number,
): void {
  const present = (['v', 'vs', 'vb', 'vd'] as const).filter((label) => record[label] !== undefined);
  if (present.length > 1) {
    throw new SenmlError(
      `the record has more than one value (${present.join(', ')}); exactly one is allowed`,
      index,
    );
  }
  // The sum exists only when bs or s does; a missing one of the two counts as 0 (§4.5.4).
  if (record.s !== undefined || baseSum !== undefined) out.s = (baseSum ?? 0) + (record.s ?? 0);

  if (record.vs !== undefined) out.vs = record.vs;
  else if (record.vb !== undefined) out.vb = record.vb;
  else if (record.vd !== undefined) out.vd = record.vd;
  else if (record.v !== undefined || baseValue !== undefined) out.v = (baseValue ?? 0) + (record.v ?? 0);
  else if (out.s === undefined)
    throw new SenmlError('the record has no value (v, vs, vb, vd) and no sum (s)', index);
}

function resolveTime(baseTime: number, time: number | undefined, now: number): number {
  const t = baseTime + (time ?? 0);
  // Below 2^28 a time counts from "now" (0 = now, negative = past); from 2^28 on it is Unix time.
  return t < RELATIVE_TIME_LIMIT ? now + t : t;
}
