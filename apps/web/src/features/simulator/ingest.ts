import { ProblemSchema, type SenmlRecord } from '@openthings/domain';
import { messageToken } from './message-token.ts';

/** The HTTP SenML connector of internet devices: the path firmware for the reference platform uses. */
export const INGEST_PATH = '/ingestion/ip/senml/v1';

export type SendResult =
  | { ok: true; status: number; uplinkId: string | null }
  | { ok: false; status: number; code: string | null; title: string; detail: string | null };

/**
 * Sends a pack as the device would: the body serialised once, signed over those exact bytes, posted
 * without the portal's session (a device has none). Resolves with the connector's answer; rejects only
 * when the network fails.
 */
export async function sendPack(pack: SenmlRecord[], sharedSecret: string): Promise<SendResult> {
  const body = JSON.stringify(pack);
  const token = await messageToken(body, sharedSecret);
  const response = await fetch(INGEST_PATH, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/senml+json', 'Things-Message-Token': token },
    body,
  });
  if (response.ok)
    return { ok: true, status: response.status, uplinkId: response.headers.get('x-uplink-id') };
  let problem: unknown;
  try {
    problem = await response.json();
  } catch {
    problem = undefined;
  }
  const parsed = ProblemSchema.safeParse(problem);
  if (parsed.success)
    return {
      ok: false,
      status: response.status,
      code: parsed.data.code,
      title: parsed.data.title,
      detail: parsed.data.detail ?? null,
    };
  return {
    ok: false,
    status: response.status,
    code: null,
    title: response.statusText || `HTTP ${response.status}`,
    detail: null,
  };
}
