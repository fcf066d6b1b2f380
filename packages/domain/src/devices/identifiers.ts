import { z } from 'zod';
import { luhnValid } from '../shared/luhn.ts';
import type { NetworkType } from '../shared/network.ts';

/** Hex identifiers may be typed with separators (`70-B3-D5-…`, `70:b3:…`); stored upper-case. */
function hex(label: string, length: number) {
  return z
    .string()
    .trim()
    .transform((v) => v.replace(/[\s:-]/g, '').toUpperCase())
    .pipe(
      z
        .string()
        .regex(new RegExp(`^[0-9A-F]{${length}}$`), `${label} must be ${length} hexadecimal characters`),
    );
}

export const DevEuiSchema = hex('DevEUI', 16);
export const AppEuiSchema = hex('AppEUI', 16);
export const AppKeySchema = hex('AppKey', 32);

/** IMEI: 15 digits whose last is the Luhn check digit. */
export const ImeiSchema = z
  .string()
  .trim()
  .regex(/^\d{15}$/, { message: 'IMEI must be 15 digits', abort: true })
  .refine(luhnValid, 'This IMEI is not valid: its check digit does not match (Luhn)');

/** ICCID of a SIM: 19–20 digits whose last is the Luhn check digit. */
export const IccidSchema = z
  .string()
  .trim()
  .regex(/^\d{19,20}$/, { message: 'ICCID must be 19 or 20 digits', abort: true })
  .refine(luhnValid, 'This ICCID is not valid: its check digit does not match (Luhn)');

export const DvnUuidSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.uuid({ message: 'DvnUUID must be a UUID such as 0b8a1f4e-3c2d-4e5f-8a9b-1c2d3e4f5a6b' }));

const urnKind: Record<NetworkType, string> = { LORA: 'DEVEUI', M2M: 'IMEI', INTERNET: 'DVNUUID' };

/** The device URN used as SenML base name and MQTT username, e.g. `urn:dev:IMEI:357292748642776:`. */
export function deviceUrn(networkType: NetworkType, identifier: string): string {
  return `urn:dev:${urnKind[networkType]}:${identifier}:`;
}

/** Reads a device URN back into its network type and identifier, or null. */
export function parseDeviceUrn(urn: string): { networkType: NetworkType; identifier: string } | null {
  const match = /^urn:dev:(DEVEUI|IMEI|DVNUUID):([^:]+):$/i.exec(urn);
  if (!match) return null;
  const kind = match[1]!.toUpperCase();
  const networkType = (Object.entries(urnKind).find(([, k]) => k === kind)?.[0] ?? 'INTERNET') as NetworkType;
  const identifier =
    networkType === 'LORA'
      ? match[2]!.toUpperCase()
      : networkType === 'INTERNET'
        ? match[2]!.toLowerCase()
        : match[2]!;
  return { networkType, identifier };
}

const hexOf = (bytes: Uint8Array) =>
  [...bytes]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

/**
 * OTAA join identifiers for "programmable" LoRa devices, from random bytes the caller provides
 * (the domain takes no hidden randomness). DevEUI and AppEUI are 8 bytes, AppKey 16.
 */
export function loraIdentifiersFrom(random: (length: number) => Uint8Array) {
  return { devEui: hexOf(random(8)), appEui: hexOf(random(8)), appKey: hexOf(random(16)) };
}
