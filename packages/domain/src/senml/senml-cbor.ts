import { bytesToBase64Url } from '../shared/bytes.ts';
import { CborError, decodeCbor } from './cbor.ts';
import { parseSenmlPack, SenmlError, type SenmlPack } from './senml.schemas.ts';

/**
 * SenML CBOR labels (RFC 8428 §6, Table 4) plus ThingsML's measurement index at key 23. Only these
 * numbers are read: the ThingsML C library's -16 for `bs` and its use of 4 (`vb`) for a base value are
 * bugs there, and an unknown integer label is ignored as RFC 8428 §4.4 asks.
 */
export const SENML_CBOR_LABELS: ReadonlyMap<number, string> = new Map([
  [-1, 'bver'],
  [-2, 'bn'],
  [-3, 'bt'],
  [-4, 'bu'],
  [-5, 'bv'],
  [-6, 'bs'],
  [0, 'n'],
  [1, 'u'],
  [2, 'v'],
  [3, 'vs'],
  [4, 'vb'],
  [5, 's'],
  [6, 't'],
  [7, 'ut'],
  [8, 'vd'],
  [23, 'i_'],
]);

/**
 * Reads a SenML/ThingsML pack in its CBOR form (application/senml+cbor; "ThingsML for LoRa") into the
 * JSON form, then validates it like a JSON pack. `vd` arrives as a byte string and becomes base64url.
 * Throws `SenmlError` for bytes that are not CBOR or not a pack.
 */
export function senmlFromCbor(bytes: Uint8Array): SenmlPack {
  let value: ReturnType<typeof decodeCbor>;
  try {
    value = decodeCbor(bytes);
  } catch (error) {
    if (error instanceof CborError) throw new SenmlError(`The payload is not valid CBOR: ${error.message}`);
    throw error;
  }
  if (!Array.isArray(value)) throw new SenmlError('A SenML CBOR pack is an array of records (maps)');
  const records = value.map((item, index) => {
    if (!(item instanceof Map)) throw new SenmlError('a SenML record must be a CBOR map', index);
    const record: Record<string, unknown> = {};
    for (const [key, field] of item) {
      const label = typeof key === 'string' ? key : SENML_CBOR_LABELS.get(Number(key));
      if (label === undefined) continue;
      if (label === 'vd') {
        if (!(field instanceof Uint8Array)) throw new SenmlError('vd must be a CBOR byte string', index);
        record.vd = bytesToBase64Url(field);
      } else {
        record[label] = field;
      }
    }
    return record;
  });
  return parseSenmlPack(records);
}
