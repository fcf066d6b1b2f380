import { createHmac, randomBytes } from 'node:crypto';
import { deviceUrn, type NetworkType, parseDeviceUrn } from '@openthings/domain';
import type { Deps } from '../../http/types.ts';
import { sha256, verifyDeviceSecret } from '../auth/passwords.ts';
import * as repo from './bindings.repo.ts';

/** Who an MQTT connection is: the device behind the username, as the uplink path needs it. */
export interface MqttLogin {
  urn: string;
  deviceId: string;
  customerId: string;
  networkType: NetworkType;
  identifier: string;
  /** The binding's hash when the login was checked: a later change of password shows as a difference. */
  passwordHash: string;
}

// A password the server generated is checked in microseconds (SHA-256); one the user chose costs scrypt
// (≈ 32 MiB and tens of ms), so a device that reconnects often would keep the thread pool busy. A success
// is remembered for a minute; a failure for a few seconds only, so a new password works almost at once.
const SUCCESS_TTL_MS = 60_000;
const FAILURE_TTL_MS = 5_000;
const CACHE_MAX = 50_000;
/** What an unknown username is checked against: no password hashes to it. */
const UNKNOWN = `sha256$${sha256('').replace(/./g, '0')}`;

/**
 * Checks MQTT logins (username = device URN, password from the device's MQTT binding). The binding is
 * read on every login — a cheap indexed lookup — and the cache is keyed by its stored hash, so a
 * password change or a removed binding takes effect at the next login whatever the cache holds.
 */
export function createMqttAuthService({ db }: Pick<Deps, 'db'>) {
  // Passwords are only kept as keyed digests under a key that never leaves this process.
  const key = randomBytes(32);
  const cacheKey = (urn: string, password: Buffer) =>
    createHmac('sha256', key).update(urn).update('\0').update(password).digest('base64');
  const cache = new Map<string, { passwordHash: string; ok: boolean; until: number }>();

  function remember(entryKey: string, passwordHash: string, ok: boolean) {
    // A crude bound: losing the cache only costs scrypt checks, never a wrong answer.
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(entryKey, { passwordHash, ok, until: Date.now() + (ok ? SUCCESS_TTL_MS : FAILURE_TTL_MS) });
  }

  /** The URN in its stored spelling (identifier case normalised), or null when it is not a device URN. */
  function canonicalUrn(
    username: string,
  ): { urn: string; networkType: NetworkType; identifier: string } | null {
    const parsed = parseDeviceUrn(username);
    return parsed ? { urn: deviceUrn(parsed.networkType, parsed.identifier), ...parsed } : null;
  }

  return {
    canonicalUrn,

    /** The device behind a valid username and password; undefined for anything else. */
    async login(username: string | undefined, password: Buffer | undefined): Promise<MqttLogin | undefined> {
      const name = username ? canonicalUrn(username) : null;
      if (!name || !password || password.length === 0 || password.length > 1024) return undefined;
      const [binding] = await repo.findMqttLogins(db, [name.urn]);
      const stored = binding?.passwordHash ?? null;
      const entryKey = cacheKey(name.urn, password);
      const hit = cache.get(entryKey);
      if (hit && hit.until > Date.now() && hit.passwordHash === (stored ?? '')) {
        return hit.ok && binding && stored ? { ...name, ...binding, passwordHash: stored } : undefined;
      }
      // An unknown username is checked like a generated password (a hash that cannot match), so its
      // timing does not tell it from a device with one, and a flood of unknown names costs no scrypt.
      const ok = await verifyDeviceSecret(password.toString('utf8'), stored ?? UNKNOWN);
      const valid = ok && binding !== undefined && stored !== null;
      remember(entryKey, stored ?? '', valid);
      return valid ? { ...name, ...binding, passwordHash: stored } : undefined;
    },

    /**
     * Which of these logins no longer hold (binding removed or password changed since), so the broker
     * can disconnect them instead of letting an old password live as long as the connection.
     */
    async revoked(logins: Pick<MqttLogin, 'urn' | 'passwordHash'>[]): Promise<Set<string>> {
      const current = new Map(
        (await repo.findMqttLogins(db, [...new Set(logins.map((l) => l.urn))])).map((b) => [
          b.urn,
          b.passwordHash,
        ]),
      );
      return new Set(logins.filter((l) => current.get(l.urn) !== l.passwordHash).map((l) => l.urn));
    },
  };
}

export type MqttAuthService = ReturnType<typeof createMqttAuthService>;
