import { base64ToBytes, hexToBytes } from '../shared/bytes.ts';
import {
  compact,
  devEuiFrom,
  flag,
  int,
  isoToSeconds,
  type Json,
  LnsError,
  list,
  num,
  obj,
  str,
} from './lns-fields.ts';
import type { LoraGateway, LoraLocation, LoraMetadata, LoraUplink } from './lora-uplink.ts';

/**
 * Network-server uplink messages → `LoraUplink`. Pure: the caller passes `now`, used only when the
 * message carries no time. Examples of every shape: packages/domain/test/vectors/lns-uplinks.json.
 */

export type LnsResult = { ok: true; uplink: LoraUplink } | { ok: false; error: string };

export interface LnsOptions {
  /** Unix seconds, the receive time to use when the message has none. */
  now: number;
}

/** Recognises the format by its top-level keys and normalises it. */
export function normaliseLnsUplink(body: unknown, options: LnsOptions): LnsResult {
  const root = obj(body);
  if (root && 'DevEUI_uplink' in root) return fromThingParkUplink(body, options);
  if (root && 'deviceInfo' in root) return fromChirpStackUp(body, options);
  if (root && 'end_device_ids' in root) return fromTtsUplink(body, options);
  return {
    ok: false,
    error: 'Not a known LoRa uplink: expected DevEUI_uplink, a ChirpStack up event or a TTS uplink',
  };
}

function guard(build: () => LoraUplink): LnsResult {
  try {
    return { ok: true, uplink: build() };
  } catch (error) {
    if (error instanceof LnsError || error instanceof RangeError) return { ok: false, error: error.message };
    throw error;
  }
}

function fPortFrom(value: number | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 0 || value > 255)
    throw new LnsError(`${field} must be 0–255, got ${value}`);
  return value;
}

function timeFrom(value: unknown, field: string, now: number): number {
  if (value === undefined || value === null || value === '') return now;
  const seconds = typeof value === 'string' ? isoToSeconds(value) : undefined;
  if (seconds === undefined) throw new LnsError(`${field} is not an ISO 8601 time: ${JSON.stringify(value)}`);
  return seconds;
}

function payloadFrom(value: unknown, encoding: 'hex' | 'base64', field: string): Uint8Array {
  if (value === undefined || value === null || value === '') return new Uint8Array();
  if (typeof value !== 'string') throw new LnsError(`${field} must be a string`);
  try {
    return encoding === 'hex' ? hexToBytes(value) : base64ToBytes(value);
  } catch (error) {
    throw new LnsError(`${field}: ${(error as Error).message}`);
  }
}

/** The gateway that heard the frame best: highest RSSI, then highest SNR. */
function best(gateways: LoraGateway[]): LoraGateway | undefined {
  return gateways.reduce<LoraGateway | undefined>((top, g) => {
    if (!top) return g;
    const rssi = (g.rssi ?? -Infinity) - (top.rssi ?? -Infinity);
    return rssi > 0 || (rssi === 0 && (g.snr ?? -Infinity) > (top.snr ?? -Infinity)) ? g : top;
  }, undefined);
}

/** 0/0 is how ThingPark says "position unknown"; the Gulf of Guinea has no gateways. */
function position(
  lat: number | undefined,
  lng: number | undefined,
): { lat: number; lng: number } | undefined {
  if (lat === undefined || lng === undefined || (lat === 0 && lng === 0)) return undefined;
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { lat, lng };
}

/**
 * Actility ThingPark `DevEUI_uplink` (tunnel interface). Numbers may be strings; `Lrrid`/`LrrRSSI`/
 * `LrrSNR` describe the best gateway and `Lrrs.Lrr` lists all of them. `DevLAT`/`DevLON`/`DevLocRadius`
 * appear when the network geolocated the device.
 */
export function fromThingParkUplink(body: unknown, options: LnsOptions): LnsResult {
  return guard(() => {
    const up = obj(obj(body)?.DevEUI_uplink);
    if (!up) throw new LnsError('DevEUI_uplink must be an object');
    const bestId = str(up.Lrrid);
    const gateways = list(obj(up.Lrrs)?.Lrr).map((lrr): LoraGateway => {
      const id = str(lrr.Lrrid) ?? '';
      const at = id === bestId ? position(num(up.LrrLAT), num(up.LrrLON)) : undefined;
      return compact({ id, rssi: num(lrr.LrrRSSI), snr: num(lrr.LrrSNR), lat: at?.lat, lng: at?.lng });
    });
    const deviceAt = position(num(up.DevLAT), num(up.DevLON));
    const location: LoraLocation | undefined =
      deviceAt && compact({ ...deviceAt, accuracy: num(up.DevLocRadius) });
    const metadata: LoraMetadata = compact({
      lns: 'thingpark' as const,
      rssi: num(up.LrrRSSI),
      snr: num(up.LrrSNR),
      sf: int(up.SpFact),
      devAddr: str(up.DevAddr),
      fCntDn: int(up.FCntDn),
      adr: flag(up.ADRbit),
      // MType 4 is "confirmed data up" (LoRaWAN MHDR 100).
      confirmed: int(up.MType) === undefined ? undefined : int(up.MType) === 4,
      ack: flag(up.ACKbit),
      channel: str(up.Channel),
      subBand: str(up.SubBand),
      bestGatewayId: bestId,
      gatewayCount: int(up.DevLrrCnt) ?? (gateways.length > 0 ? gateways.length : undefined),
      gateways: gateways.length > 0 ? gateways : undefined,
      location,
    });
    return compact({
      devEui: devEuiFrom(up.DevEUI, 'DevEUI'),
      fPort: fPortFrom(num(up.FPort), 'FPort'),
      fCnt: int(up.FCntUp),
      payload: payloadFrom(up.payload_hex, 'hex', 'payload_hex'),
      receivedAt: timeFrom(up.Time, 'Time', options.now),
      metadata,
    });
  });
}

/**
 * ChirpStack v4 `up` event (HTTP integration, JSON). Protobuf-JSON leaves out zero and false, so an
 * absent fPort/fCnt/dr/rssi is 0 and an absent adr/confirmed is false; `data` is standard base64.
 * Up events carry no device position (ChirpStack sends it as a separate `location` event).
 */
export function fromChirpStackUp(body: unknown, options: LnsOptions): LnsResult {
  return guard(() => {
    const up = obj(body);
    const device = obj(up?.deviceInfo);
    if (!up || !device) throw new LnsError('deviceInfo must be an object');
    const gateways = list(up.rxInfo).map((rx): LoraGateway => {
      const at = obj(rx.location);
      return compact({
        id: str(rx.gatewayId) ?? '',
        rssi: num(rx.rssi) ?? 0,
        snr: num(rx.snr) ?? 0,
        lat: at && num(at.latitude),
        lng: at && num(at.longitude),
      });
    });
    const top = best(gateways);
    const tx = obj(up.txInfo);
    const metadata: LoraMetadata = compact({
      lns: 'chirpstack' as const,
      rssi: top?.rssi,
      snr: top?.snr,
      sf: int(obj(obj(tx?.modulation)?.lora)?.spreadingFactor),
      frequency: num(tx?.frequency),
      dataRate: int(up.dr) ?? 0,
      devAddr: str(up.devAddr),
      adr: flag(up.adr) ?? false,
      confirmed: flag(up.confirmed) ?? false,
      bestGatewayId: top?.id,
      gatewayCount: gateways.length,
      gateways: gateways.length > 0 ? gateways : undefined,
      decodedPayload: obj(up.object),
    });
    return {
      devEui: devEuiFrom(device.devEui, 'deviceInfo.devEui'),
      fPort: fPortFrom(num(up.fPort) ?? 0, 'fPort'),
      fCnt: int(up.fCnt) ?? 0,
      payload: payloadFrom(up.data, 'base64', 'data'),
      receivedAt: timeFrom(up.time, 'time', options.now),
      metadata,
    };
  });
}

/**
 * The Things Stack v3 `uplink_message` (webhook/MQTT JSON). f_cnt 0 is left out like any protobuf
 * zero; a missing f_port stays null (its documented example omits it although application data always
 * has one). Locations set by hand in the registry are not network metadata and are not kept.
 */
export function fromTtsUplink(body: unknown, options: LnsOptions): LnsResult {
  return guard(() => {
    const root = obj(body);
    const ids = obj(root?.end_device_ids);
    const up = obj(root?.uplink_message);
    if (!root || !ids || !up) throw new LnsError('end_device_ids and uplink_message must be objects');
    const gateways = list(up.rx_metadata).map((rx): LoraGateway => {
      const at = obj(rx.location);
      return compact({
        id: str(obj(rx.gateway_ids)?.gateway_id) ?? '',
        rssi: num(rx.rssi) ?? num(rx.channel_rssi),
        snr: num(rx.snr),
        lat: at && num(at.latitude),
        lng: at && num(at.longitude),
      });
    });
    const top = best(gateways);
    const settings = obj(up.settings);
    const metadata: LoraMetadata = compact({
      lns: 'tts' as const,
      rssi: top?.rssi,
      snr: top?.snr,
      sf: int(obj(obj(settings?.data_rate)?.lora)?.spreading_factor),
      frequency: num(settings?.frequency),
      dataRate: int(settings?.data_rate_index),
      devAddr: str(ids.dev_addr),
      confirmed: flag(up.confirmed) ?? false,
      bestGatewayId: top?.id,
      gatewayCount: gateways.length,
      gateways: gateways.length > 0 ? gateways : undefined,
      location: ttsLocation(obj(up.locations)),
      decodedPayload: obj(up.decoded_payload),
    });
    return compact({
      devEui: devEuiFrom(ids.dev_eui, 'end_device_ids.dev_eui'),
      fPort: fPortFrom(num(up.f_port), 'f_port'),
      fCnt: int(up.f_cnt) ?? 0,
      payload: payloadFrom(up.frm_payload, 'base64', 'frm_payload'),
      receivedAt: timeFrom(root.received_at ?? up.received_at, 'received_at', options.now),
      metadata,
    });
  });
}

function ttsLocation(locations: Json | undefined): LoraLocation | undefined {
  for (const entry of Object.values(locations ?? {})) {
    const location = obj(entry);
    const source = str(location?.source);
    if (!location || source === 'SOURCE_REGISTRY') continue;
    const at = position(num(location.latitude), num(location.longitude));
    if (at) return compact({ ...at, accuracy: num(location.accuracy), source });
  }
  return undefined;
}
