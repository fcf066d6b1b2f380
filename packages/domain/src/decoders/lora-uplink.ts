import { z } from 'zod';
import { bytesToHex, hexToBytes } from '../shared/bytes.ts';

/**
 * One LoRa uplink as the pipeline sees it, whatever network server delivered it (ThingPark, ChirpStack,
 * The Things Stack). Times are Unix seconds (fractions allowed) like SenML times, so decoders use
 * `receivedAt` directly as "now" and the value survives JSON job payloads unchanged.
 */

export const LoraGatewaySchema = z.object({
  id: z.string(),
  rssi: z.number().optional(),
  snr: z.number().optional(),
  /** Gateway position, when the network server knows it (not the device's). */
  lat: z.number().optional(),
  lng: z.number().optional(),
});
export type LoraGateway = z.infer<typeof LoraGatewaySchema>;

export const LoraLocationSchema = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** Radius in metres within which the device is expected. */
  accuracy: z.number().nonnegative().optional(),
  /** What produced it as the network server names it, e.g. `SOURCE_LORA_TDOA_GEOLOCATION`. */
  source: z.string().optional(),
});
export type LoraLocation = z.infer<typeof LoraLocationSchema>;

export const LNS_KINDS = ['thingpark', 'chirpstack', 'tts'] as const;

export const LoraMetadataSchema = z.object({
  lns: z.enum(LNS_KINDS),
  /** Best gateway's RSSI (dBm) and SNR (dB). */
  rssi: z.number().optional(),
  snr: z.number().optional(),
  /** Spreading factor 7–12. */
  sf: z.number().int().optional(),
  /** Carrier frequency in Hz. */
  frequency: z.number().optional(),
  dataRate: z.number().int().optional(),
  devAddr: z.string().optional(),
  fCntDn: z.number().int().optional(),
  adr: z.boolean().optional(),
  /** The device asked for an acknowledgement (confirmed data up). */
  confirmed: z.boolean().optional(),
  /** The device acknowledged the last confirmed downlink (ThingPark ACKbit). */
  ack: z.boolean().optional(),
  /** ThingPark's logical channel and sub-band, e.g. `LC2`, `G1`. */
  channel: z.string().optional(),
  subBand: z.string().optional(),
  bestGatewayId: z.string().optional(),
  gatewayCount: z.number().int().nonnegative().optional(),
  gateways: z.array(LoraGatewaySchema).optional(),
  /** The device's position as the network resolved it; absent when it did not. */
  location: LoraLocationSchema.optional(),
  /** What the network server's own payload codec made of the payload, kept for reference. */
  decodedPayload: z.record(z.string(), z.unknown()).optional(),
});
export type LoraMetadata = z.infer<typeof LoraMetadataSchema>;

export interface LoraUplink {
  /** 16 upper-case hex digits. */
  devEui: string;
  /** 1–223 for application data; null when the network server did not say (TTS omits it at times). */
  fPort: number | null;
  fCnt?: number;
  payload: Uint8Array;
  /** When the network received the frame, Unix seconds. */
  receivedAt: number;
  metadata: LoraMetadata;
}

/** The JSON form of an uplink (job payloads, storage): the payload as hex, as at every edge. */
export const LoraUplinkJsonSchema = z.object({
  devEui: z.string().regex(/^[0-9A-F]{16}$/, 'devEui must be 16 upper-case hex digits'),
  fPort: z.number().int().min(0).max(255).nullable(),
  fCnt: z.number().int().nonnegative().optional(),
  payloadHex: z.string().regex(/^(?:[0-9a-fA-F]{2})*$/, 'payloadHex must be hex, two digits per byte'),
  receivedAt: z.number(),
  metadata: LoraMetadataSchema,
});
export type LoraUplinkJson = z.infer<typeof LoraUplinkJsonSchema>;

export function loraUplinkToJson(uplink: LoraUplink): LoraUplinkJson {
  const { payload, ...rest } = uplink;
  return { ...rest, payloadHex: bytesToHex(payload) };
}

export function loraUplinkFromJson(json: LoraUplinkJson): LoraUplink {
  const { payloadHex, ...rest } = json;
  return { ...rest, payload: hexToBytes(payloadHex) };
}
