import { textProblem, timeProblem } from '../shared/storable.ts';
import { resolveSenml } from './resolve.ts';
import { type ResolvedSenmlRecord, SenmlError } from './senml.schemas.ts';

/** The most records one device pack may carry. */
export const DEVICE_PACK_MAX_RECORDS = 1000;

/**
 * The part of a resolved name after the device URN, or null when the name does not start with it. The
 * URN's letters may come in either case (`urn:dev:DVNUUID:…` and `urn:dev:dvnuuid:…` name one device).
 */
export function nameAfterUrn(name: string, urn: string): string | null {
  return name.slice(0, urn.length).toLowerCase() === urn.toLowerCase() ? name.slice(urn.length) : null;
}

/** Why a resolved record cannot be stored, or null: its texts, numbers and time. */
export function storableRecordProblem(record: ResolvedSenmlRecord): string | null {
  for (const label of ['u', 'vs'] as const) {
    const text = record[label];
    const problem = text === undefined ? null : textProblem(text);
    if (problem) return `${label} ${problem}`;
  }
  for (const label of ['v', 's', 'ut'] as const) {
    const value = record[label];
    if (value !== undefined && !Number.isFinite(value))
      return `${label} is not a finite number (base and record values add up past the largest number)`;
  }
  const time = timeProblem(record.t);
  return time ? `the time (bt + t) ${time}` : null;
}

/**
 * Checks a SenML pack a device sent over HTTP or MQTT, as ingest does before it accepts the message
 * (PRODUCT §6: bad SenML gets a 4xx, and nothing accepted may fail to be stored later): UTF-8 JSON, a
 * SenML pack that resolves (RFC 8428), every resolved name belonging to the sending device (it starts
 * with the device URN, whatever base names the pack sets), and every record storable. Returns the
 * resolved records; throws a `SenmlError` that names the record.
 */
export function checkDevicePack(
  payload: Uint8Array,
  options: { urn: string; now: number },
): ResolvedSenmlRecord[] {
  let pack: unknown;
  try {
    pack = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw new SenmlError('The body is not valid JSON (UTF-8)');
  }
  if (!Array.isArray(pack) || pack.length === 0)
    throw new SenmlError('A SenML pack is a non-empty JSON array of records');
  if (pack.length > DEVICE_PACK_MAX_RECORDS)
    throw new SenmlError(`A pack may carry at most ${DEVICE_PACK_MAX_RECORDS} records`);
  return resolveSenml(pack, {
    now: options.now,
    baseName: options.urn,
    check: (record) =>
      nameAfterUrn(record.n, options.urn) !== null
        ? storableRecordProblem(record)
        : `name ${JSON.stringify(record.n)} does not belong to this device: every name must start with its URN ${options.urn}`,
  });
}
