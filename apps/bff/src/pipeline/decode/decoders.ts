import {
  type BuiltInDecoder,
  type DecodeResult,
  elsysDecoder,
  findBuiltInDecoder,
  type LoraMetadata,
  rawLoraDecoder,
  senmlPassthroughDecoder,
  storableRecordProblem,
  textProblem,
} from '@openthings/domain';
import type { UplinkInput } from './decode.repo.ts';

/** How a LoRa connector stores an uplink's network data in `uplinks.metadata` (payload in `payload`). */
export interface StoredLoraMetadata {
  lora: { devEui: string; fPort: number | null; fCnt?: number; receivedAt: number; metadata: LoraMetadata };
}

export function inputKindOf(uplink: Pick<UplinkInput, 'connector'>): 'senml' | 'lora' {
  return uplink.connector.startsWith('lora-') ? 'lora' : 'senml';
}

/**
 * The decoders a flow runs for a device type: the ones switched on in its Data processing, or — when
 * the flow has no setting for the type yet — the natural default (SenML passthrough for SenML devices,
 * the type's own decoder or raw payload for LoRa ones). Decoders of the other input kind never run.
 */
export function decodersFor(
  kind: 'senml' | 'lora',
  deviceTypeId: string,
  settings: { decoderId: string; enabled: boolean }[],
): BuiltInDecoder[] {
  if (settings.length === 0) {
    if (kind === 'senml') return [senmlPassthroughDecoder];
    return [deviceTypeId === 'elsys-ers' ? elsysDecoder : rawLoraDecoder];
  }
  return settings
    .filter((s) => s.enabled)
    .map((s) => findBuiltInDecoder(s.decoderId))
    .filter((d): d is BuiltInDecoder => d !== undefined && d.inputKind === kind);
}

/**
 * Runs one decoder on a stored uplink; never throws (a bad payload is an error result). Records the
 * database could not store (a NUL in a text, a time past year 9999) make a decoding error that names the
 * record, like any other payload the decoder cannot use.
 */
export function runDecoder(decoder: BuiltInDecoder, uplink: UplinkInput, urn: string | null): DecodeResult {
  const result = decode(decoder, uplink, urn);
  if ('error' in result) return result;
  for (const [index, record] of result.records.entries()) {
    const nameProblem = textProblem(record.n);
    const problem = storableRecordProblem(record) ?? (nameProblem && `the name ${nameProblem}`);
    if (problem) return { error: `record ${index} (${record.n}): ${problem}` };
  }
  return result;
}

function decode(decoder: BuiltInDecoder, uplink: UplinkInput, urn: string | null): DecodeResult {
  const receivedAt = uplink.receivedAt.getTime() / 1000;
  // Ingest resolved the pack already, with the same base name and time, to check it: not twice.
  if (decoder.id === senmlPassthroughDecoder.id && uplink.resolved && uplink.resolved.urn === urn)
    return { records: uplink.resolved.records };
  if (decoder.inputKind === 'senml') {
    let pack: unknown;
    try {
      pack = JSON.parse(new TextDecoder().decode(uplink.payload));
    } catch {
      return { error: 'The payload is not valid JSON' };
    }
    return decoder.decode({ pack, receivedAt, ...(urn ? { baseName: urn } : {}) });
  }
  const stored = (uplink.metadata as unknown as Partial<StoredLoraMetadata>).lora;
  if (!stored) return { error: 'The uplink carries no LoRa network data' };
  return decoder.decode({ ...stored, payload: uplink.payload });
}
