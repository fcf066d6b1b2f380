/**
 * Which addresses a delivery may reach (PRODUCT §6). The worker resolves the destination's host name,
 * classifies every address it got and connects only to an allowed one — checking the name alone would let
 * DNS point a public name at the cloud metadata service. Pure parsing, no `node:net`, so the portal can
 * warn about an IP-literal URL with the same rules.
 */

export type IpClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'public';

export type ParsedIp = { version: 4; bytes: number[] } | { version: 6; bytes: number[] };

function parseIpv4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const part of parts) {
    // No leading zeros: inet_aton reads "010" as octal 8, so such text could mean another host to the OS.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseGroups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    groups.push(Number.parseInt(group, 16));
  }
  return groups;
}

function parseIpv6(text: string): number[] | null {
  let head = text;
  let tail: number[] = [];
  // An embedded dotted quad (::ffff:10.0.0.1) fills the last two groups.
  const lastColon = head.lastIndexOf(':');
  if (lastColon >= 0 && head.slice(lastColon + 1).includes('.')) {
    const v4 = parseIpv4(head.slice(lastColon + 1));
    if (!v4) return null;
    tail = [(v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!];
    head = head.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const left = parseGroups(halves[0]!);
  const right = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!left || !right) return null;
  const given = left.length + right.length + tail.length;
  let groups: number[];
  if (halves.length === 2) {
    // "::" stands for at least one zero group.
    if (given > 7) return null;
    groups = [...left, ...new Array<number>(8 - given).fill(0), ...right, ...tail];
  } else {
    if (given !== 8) return null;
    groups = [...left, ...tail];
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

/**
 * Parses an IPv4 or IPv6 address as `dns.lookup` returns it or a URL host holds it: brackets and an
 * IPv6 zone (`fe80::1%eth0`) are dropped. Returns null for anything that is not an address.
 */
export function parseIp(input: string): ParsedIp | null {
  let text = input.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  if (text.includes(':')) {
    const zone = text.indexOf('%');
    if (zone >= 0) text = text.slice(0, zone);
    const bytes = parseIpv6(text);
    return bytes ? { version: 6, bytes } : null;
  }
  const bytes = parseIpv4(text);
  return bytes ? { version: 4, bytes } : null;
}

/** Cloud instance-metadata and platform endpoints that hand out credentials or control the host. */
const METADATA_V4 = new Set([
  '169.254.169.254', // AWS, GCP, Azure, OCI, DigitalOcean, OpenStack, Hetzner, …
  '169.254.170.2', // AWS ECS task metadata and credentials
  '169.254.170.23', // AWS EKS Pod Identity agent
  '169.254.0.23', // Tencent Cloud
  '100.100.100.200', // Alibaba Cloud — inside 100.64/10, which would otherwise pass as private
  '168.63.129.16', // Azure WireServer — a public address, which would otherwise pass as public
]);
const METADATA_V6 = new Set([
  'fd00:ec2:0:0:0:0:0:254', // AWS IMDS over IPv6 — inside fc00::/7, otherwise private
  'fd00:ec2:0:0:0:0:0:23', // AWS EKS Pod Identity agent over IPv6
]);

function inV4(b: number[], prefix: [number, number, number, number], bits: number): boolean {
  for (let i = 0; i < 4; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    const mask = (0xff << (8 - take)) & 0xff;
    if ((b[i]! & mask) !== (prefix[i]! & mask)) return false;
  }
  return true;
}

function classifyV4(b: number[]): IpClass {
  if (METADATA_V4.has(b.join('.'))) return 'metadata';
  if (b.every((x) => x === 0)) return 'unspecified';
  if (inV4(b, [127, 0, 0, 0], 8)) return 'loopback';
  if (inV4(b, [169, 254, 0, 0], 16)) return 'link-local';
  if (
    inV4(b, [10, 0, 0, 0], 8) ||
    inV4(b, [172, 16, 0, 0], 12) ||
    inV4(b, [192, 168, 0, 0], 16) ||
    inV4(b, [100, 64, 0, 0], 10) // shared address space (carrier-grade NAT): not reachable from outside
  ) {
    return 'private';
  }
  if (inV4(b, [224, 0, 0, 0], 4)) return 'multicast';
  if (
    inV4(b, [0, 0, 0, 0], 8) || // "this network"
    inV4(b, [192, 0, 0, 0], 24) || // IETF protocol assignments
    inV4(b, [192, 0, 2, 0], 24) || // documentation (TEST-NET-1/2/3)
    inV4(b, [198, 51, 100, 0], 24) ||
    inV4(b, [203, 0, 113, 0], 24) ||
    inV4(b, [198, 18, 0, 0], 15) || // benchmarking
    inV4(b, [192, 88, 99, 0], 24) || // deprecated 6to4 relay anycast
    inV4(b, [240, 0, 0, 0], 4) // future use, and 255.255.255.255 broadcast
  ) {
    return 'reserved';
  }
  return 'public';
}

function v6Text(b: number[]): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16));
  return groups.join(':');
}

function inV6(b: number[], prefix: number[], bits: number): boolean {
  for (let i = 0; i < 16; i++) {
    const take = Math.max(0, Math.min(8, bits - i * 8));
    if (take === 0) return true;
    const mask = (0xff << (8 - take)) & 0xff;
    if ((b[i]! & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** The IPv4 address in the last 32 bits of an IPv6 address. */
const lastV4 = (b: number[]) => b.slice(12, 16);

function classifyV6(b: number[]): IpClass {
  if (METADATA_V6.has(v6Text(b))) return 'metadata';
  const zeroUpTo = (n: number) => b.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(16)) return 'unspecified';
  if (zeroUpTo(15) && b[15] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) reaches the IPv4 host on dual-stack sockets, so it is that host.
  if (zeroUpTo(10) && b[10] === 0xff && b[11] === 0xff) return classifyV4(lastV4(b));
  // NAT64 well-known prefix: the translator connects to the embedded IPv4 address.
  if (inV6(b, [0x00, 0x64, 0xff, 0x9b], 96)) return classifyV4(lastV4(b));
  if (inV6(b, [0xfe, 0x80], 10)) return 'link-local';
  if (inV6(b, [0xfc], 7)) return 'private'; // unique local
  if (inV6(b, [0xfe, 0xc0], 10)) return 'private'; // deprecated site-local, still routed inside a site
  if (b[0] === 0xff) return 'multicast';
  // 6to4 carries an IPv4 address in bits 16–47; one that is not public must not be reachable through it.
  if (inV6(b, [0x20, 0x02], 16)) return classifyV4(b.slice(2, 6));
  if (
    inV6(b, [0x20, 0x01, 0x00, 0x00], 23) || // IETF protocol assignments, incl. Teredo 2001::/32
    inV6(b, [0x20, 0x01, 0x0d, 0xb8], 32) || // documentation
    inV6(b, [0x3f, 0xff], 20) || // documentation (RFC 9637)
    inV6(b, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48) // local-use NAT64
  ) {
    return 'reserved';
  }
  // Global unicast is 2000::/3; everything else (IPv4-compatible ::a.b.c.d, discard 100::/64,
  // unallocated space) has no business receiving deliveries.
  if (inV6(b, [0x20], 3)) return 'public';
  return 'reserved';
}

/**
 * The class of an address. Text that is not a well-formed address is 'reserved' so that callers which
 * only ask `targetAllowed` fail closed.
 */
export function classifyIp(ip: string): IpClass {
  const parsed = parseIp(ip);
  if (!parsed) return 'reserved';
  return parsed.version === 4 ? classifyV4(parsed.bytes) : classifyV6(parsed.bytes);
}

/** Classes no delivery may reach, whatever the operator allows. */
export const NEVER_ALLOWED_IP_CLASSES: readonly IpClass[] = [
  'link-local',
  'metadata',
  'unspecified',
  'multicast',
  'reserved',
];

/**
 * May a delivery connect to this address? Public: yes. Loopback and private: only when the operator
 * allows private targets (on by default in development so local receivers work). The rest: never.
 */
export function targetAllowed(ip: string, opts: { allowPrivate: boolean }): boolean {
  const cls = classifyIp(ip);
  if (cls === 'public') return true;
  if (cls === 'loopback' || cls === 'private') return opts.allowPrivate;
  return false;
}

/**
 * The address a URL's host stands for when it is an IP literal, in canonical text, or null for a host
 * name. Read as the WHATWG URL parser reads an http URL — so `127.1`, `2130706433`, `0x7f.0.0.1` and
 * `[::ffff:127.0.0.1]` are the loopback address they are, and `mqtt://` hosts, which that parser leaves
 * as written, are read the same way (the OS resolver would).
 */
export function urlLiteralAddress(urlText: string): string | null {
  let host: string;
  try {
    host = new URL(`http://${new URL(urlText).host}`).hostname;
  } catch {
    return null;
  }
  const parsed = parseIp(host);
  if (!parsed) return null;
  return parsed.version === 4 ? parsed.bytes.join('.') : v6Text(parsed.bytes);
}

/**
 * Why a delivery may not connect to this address, as a sentence, or null when it may. The one rule for
 * every sender and for the check when a destination is saved.
 */
export function addressRefusal(address: string, opts: { allowPrivate: boolean }): string | null {
  if (targetAllowed(address, opts)) return null;
  const cls = classifyIp(address);
  const why =
    cls === 'loopback' || cls === 'private'
      ? `${cls} addresses are allowed only when the operator enables private destinations`
      : `${cls} addresses are never allowed`;
  return `Deliveries may not go to ${address}: ${why}`;
}

/** Why a destination URL written with an IP literal may not be used, or null (host names: at connect). */
export function urlTargetRefusal(urlText: string, opts: { allowPrivate: boolean }): string | null {
  const address = urlLiteralAddress(urlText);
  return address === null ? null : addressRefusal(address, opts);
}
