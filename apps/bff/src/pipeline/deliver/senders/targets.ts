import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRefusal } from '@openthings/domain';

/** A delivery target the rules refuse; senders report it like any connection error. */
export class TargetRefusedError extends Error {
  readonly code = 'EADDRNOTALLOWED';
}

/**
 * The addresses a sender may connect to for `host` — the one check every sender makes right before it
 * connects (PRODUCT §6): an IP literal is checked as it is (Node skips DNS lookup hooks for literals),
 * a name is resolved and every address it has must be allowed, so DNS cannot point a public name at the
 * metadata service. Connect to an address from the list, not to the name, so a second lookup cannot
 * answer differently.
 */
export async function allowedAddresses(
  host: string,
  opts: { allowPrivate: boolean },
): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  const addresses = family ? [{ address: bare, family }] : await lookup(bare, { all: true });
  if (addresses.length === 0) throw new TargetRefusedError(`${host} has no address`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, opts);
    if (refusal) throw new TargetRefusedError(family ? refusal : `${refusal} (${host})`);
  }
  return addresses;
}
