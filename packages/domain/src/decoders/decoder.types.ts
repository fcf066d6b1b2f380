import type { ResolvedSenmlRecord } from '../senml/senml.schemas.ts';
import type { LoraUplink } from './lora-uplink.ts';

/** A record a decoder can produce, as the catalogue and the flow editor show it. */
export interface DecoderRecordSpec {
  name: string;
  type: 'number' | 'string' | 'boolean' | 'data';
  unit?: string;
  description?: string;
}

/**
 * What a decoder returns: resolved SenML records (possibly none), with warnings about what it had to
 * skip; or an error sentence. A decoder never throws: the pipeline stores the error with the uplink.
 */
export type DecodeResult = { records: ResolvedSenmlRecord[]; warnings?: string[] } | { error: string };

/** Input of the decoders for internet/M2M devices: a SenML or ThingsML pack as parsed JSON. */
export interface SenmlInput {
  pack: unknown;
  /** Unix seconds: "now" for relative SenML times. */
  receivedAt: number;
  /** Base name until the pack sets one, normally the device URN. */
  baseName?: string;
}

export interface DecoderInputs {
  senml: SenmlInput;
  lora: LoraUplink;
}
export type DecoderInputKind = keyof DecoderInputs;

export interface Decoder<K extends DecoderInputKind = DecoderInputKind> {
  /** Stable forever: flows refer to decoders by it. */
  id: string;
  name: string;
  version: number;
  description: string;
  inputKind: K;
  expectedRecords: DecoderRecordSpec[];
  decode(input: DecoderInputs[K]): DecodeResult;
}
