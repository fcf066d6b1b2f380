import { createHash } from 'node:crypto';
import type { Device, Flow, NetworkAdapter } from '@openthings/domain';
import type { APIRequestContext } from '@playwright/test';
import { baseURL } from '../server.ts';
import { apiDelete, apiGet, apiPost } from './api.ts';

/** The demo project's first flow and its simulated phone (PRODUCT: "My first project"). */
export const FIRST_FLOW = 'My first flow';
export const PHONE = 'My phone';

export async function flowByName(request: APIRequestContext, name: string): Promise<Flow> {
  const { data } = await apiGet<{ data: Flow[] }>(request, '/api/device-groups', { limit: 500 });
  const flow = data.find((f) => f.name === name);
  if (!flow) throw new Error(`No flow named ${name}`);
  return flow;
}

export async function deviceByName(request: APIRequestContext, name: string): Promise<Device> {
  const { data } = await apiGet<{ data: Device[] }>(request, '/api/devices', { q: name, limit: 50 });
  const device = data.find((d) => d.name === name);
  if (!device) throw new Error(`No device named ${name}`);
  return device;
}

/** Gives an internet device a new shared secret (shown once) and returns it with the device's URN. */
export async function newDeviceSecret(
  request: APIRequestContext,
  deviceId: string,
): Promise<{ secret: string; urn: string }> {
  const { data } = await apiGet<{ data: NetworkAdapter[] }>(
    request,
    `/api/devices/${deviceId}/network-adapters`,
  );
  const adapter = data.find((a) => a.type === 'INTERNET');
  if (!adapter) throw new Error('The device has no internet network information');
  const { sharedSecret } = await apiPost<{ sharedSecret: string }>(
    request,
    `/api/devices/${deviceId}/network-adapters/${adapter.id}/shared-secret`,
  );
  return { secret: sharedSecret, urn: adapter.urn };
}

/** `Things-Message-Token`: hex SHA-256 of the exact body bytes followed by the shared secret. */
export function messageToken(body: string, secret: string): string {
  return createHash('sha256').update(body).update(secret).digest('hex');
}

/** Posts a SenML pack as an internet device does: no session, signed with its secret. */
export async function sendUplink(body: string, secret: string): Promise<string> {
  const response = await fetch(`${baseURL}/ingestion/ip/senml/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'things-message-token': messageToken(body, secret) },
    body,
  });
  if (response.status !== 202)
    throw new Error(`Ingestion answered ${response.status}: ${await response.text()}`);
  return response.headers.get('x-uplink-id') ?? '';
}

/** Forwards a flow's data to a destination (204, no body). */
export async function linkDestination(
  request: APIRequestContext,
  flowId: string,
  destinationId: string,
): Promise<void> {
  const path = `/api/device-groups/${flowId}/destinations/${destinationId}`;
  const response = await request.post(path, { headers: { Origin: baseURL } });
  if (!response.ok()) throw new Error(`${path} answered ${response.status()}: ${await response.text()}`);
}

export async function unlinkDestination(
  request: APIRequestContext,
  flowId: string,
  destinationId: string,
): Promise<void> {
  await apiDelete(request, `/api/device-groups/${flowId}/destinations/${destinationId}`);
}
