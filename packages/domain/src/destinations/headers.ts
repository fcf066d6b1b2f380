/**
 * Rules for the extra headers a user adds to an HTTPS destination, and for what the delivery log may
 * show of the headers we sent.
 */

/** RFC 9110 §5.6.2 token: the characters a header name may hold. */
export const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Visible ASCII, space, tab and obs-text; no CR/LF, so a value cannot smuggle in another header. */
export const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Connection-level headers (RFC 9110 §7.6.1): they describe one hop and the HTTP client owns them. */
export const HOP_BY_HOP_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
] as const;

/** Headers that carry our signatures; a user value would break or forge them. */
export const SIGNING_HEADERS = [
  'things-plug-uuid',
  'things-message-token',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
] as const;

/** Framing the HTTP client computes from the URL and the body. */
const CLIENT_HEADERS = ['host', 'content-length'] as const;

const reserved = new Set<string>([...HOP_BY_HOP_HEADERS, ...SIGNING_HEADERS, ...CLIENT_HEADERS]);

/** Why a user may not set this header, or null when they may. */
export function headerNameProblem(name: string): string | null {
  if (!HEADER_NAME_PATTERN.test(name)) return `"${name}" is not a valid header name`;
  const lower = name.toLowerCase();
  if ((SIGNING_HEADERS as readonly string[]).includes(lower)) {
    return `${name} is set by the platform to sign each delivery`;
  }
  if (reserved.has(lower)) return `${name} is managed by the HTTP connection and cannot be set`;
  return null;
}

export const REDACTED = '[redacted]';

/**
 * Headers as the delivery log may store and show them: credentials replaced. `Authorization` is always
 * hidden; `secretNames` adds the destination's API-key header. Names match case-insensitively.
 */
export function redactHeaders(
  headers: Record<string, string>,
  secretNames: readonly string[] = [],
): Record<string, string> {
  const hidden = new Set([
    'authorization',
    'proxy-authorization',
    ...secretNames.map((n) => n.toLowerCase()),
  ]);
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name, hidden.has(name.toLowerCase()) ? REDACTED : value]),
  );
}
