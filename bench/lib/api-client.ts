/**
 * A small client of the OpenThings HTTP API for the simulator and the pipeline benchmark: signs in
 * (portal session or API key), finds projects and flows, and provisions simulated devices. It talks
 * to the API like any external client does; it imports nothing from the bff.
 */
import { randomBytes, randomUUID } from 'node:crypto';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type Credentials = { email: string; password: string } | { clientId: string; clientSecret: string };

export const DEMO_ADMIN = { email: 'admin@demo.local', password: 'Demo-Things-2026' } as const;

interface Page<T> {
  data: T[];
  links: { next: string | null };
}

export interface Project {
  id: string;
  name: string;
  subscription: string;
  limits: { devices: number | null; devicesPerNetworkType: Record<string, number | null> };
  usage: { devices: number; devicesPerNetworkType: Record<string, number> };
}

export interface Flow {
  id: string;
  projectId: string;
  name: string;
}

export interface DeviceRow {
  id: string;
  name: string;
  project: { id: string };
  networkType: 'LORA' | 'M2M' | 'INTERNET' | null;
  primaryIdentifier: string | null;
  urn: string | null;
}

export interface NetworkAdapter {
  id: string;
  type: 'LORA' | 'M2M' | 'INTERNET';
  identifier: string;
  urn: string;
  devEui: string | null;
  dvnUuid: string | null;
}

export class ApiClient {
  private constructor(
    readonly baseUrl: string,
    private readonly headers: Record<string, string>,
  ) {}

  /** Signs in with a portal account (session cookie) or an API key (bearer token). */
  static async signIn(baseUrl: string, credentials: Credentials): Promise<ApiClient> {
    const base = baseUrl.replace(/\/+$/, '');
    if ('email' in credentials) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify(credentials),
      });
      if (!res.ok) throw await problem(res, `Signing in as ${credentials.email} failed`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
      // Cookie-authenticated changes must come from the portal's own origin.
      return new ApiClient(base, { cookie, origin: base });
    }
    const res = await fetch(`${base}/api/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }),
    });
    if (!res.ok) throw await problem(res, 'The API key was refused');
    const { access_token } = (await res.json()) as { access_token: string };
    return new ApiClient(base, { authorization: `Bearer ${access_token}` });
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw await problem(res, `${method} ${path}`);
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Every row of a paged list, following `links.next`. */
  async all<T>(path: string): Promise<T[]> {
    const rows: T[] = [];
    let next: string | null = path;
    while (next) {
      const page: Page<T> = await this.request<Page<T>>('GET', next);
      rows.push(...page.data);
      next = page.links.next;
    }
    return rows;
  }

  /** A project by id or (case-insensitive) name. */
  async project(idOrName: string): Promise<Project> {
    const projects = await this.all<Project>('/api/projects?limit=500');
    const found =
      projects.find((p) => p.id === idOrName) ??
      projects.find((p) => p.name.toLowerCase() === idOrName.toLowerCase());
    if (!found) {
      const names = projects.map((p) => `"${p.name}"`).join(', ');
      throw new Error(`No project "${idOrName}". Projects: ${names || 'none'}`);
    }
    return found;
  }

  async projects(): Promise<Project[]> {
    return this.all<Project>('/api/projects?limit=500');
  }

  /** A flow (API: device group) of the project by id or name; created when `create` and not found. */
  async flow(
    projectId: string,
    idOrName: string,
    create: boolean,
  ): Promise<{ flow: Flow; created: boolean }> {
    const flows = (await this.all<Flow>('/api/device-groups?limit=500')).filter(
      (f) => f.projectId === projectId,
    );
    const found =
      flows.find((f) => f.id === idOrName) ??
      flows.find((f) => f.name.toLowerCase() === idOrName.toLowerCase());
    if (found) return { flow: found, created: false };
    if (!create) throw new Error(`No flow "${idOrName}" in the project`);
    const flow = await this.request<Flow>('POST', '/api/device-groups', {
      projectId,
      name: idOrName,
      description: 'Created by the OpenThings simulator',
    });
    return { flow, created: true };
  }
}

async function problem(res: Response, what: string): Promise<ApiError> {
  let code: string | undefined;
  let detail = '';
  try {
    const body = (await res.json()) as { code?: string; detail?: string; title?: string };
    code = body.code;
    detail = body.detail ?? body.title ?? '';
  } catch {}
  return new ApiError(
    res.status,
    code,
    `${what}: HTTP ${res.status}${code ? ` ${code}` : ''}${detail ? ` — ${detail}` : ''}`,
  );
}

/** A secret that meets the platform's rules (≥ 32 characters, upper, lower, digit, special). */
export function strongSecret(): string {
  return `Sim-${randomBytes(24).toString('base64url')}-7a!`;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>) {
  const results: R[] = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

export interface InternetDevice {
  id: string;
  name: string;
  urn: string;
  sharedSecret: string;
}

/**
 * Makes sure `count` internet devices named `<prefix>0001`… exist in the project and are linked to the
 * flow. Devices from an earlier run (same prefix, same project) are reused: their shared secrets are
 * write-only, so each reused device gets a new one. Returns them in name order.
 */
export async function ensureInternetDevices(
  api: ApiClient,
  options: {
    projectId: string;
    flowId: string;
    prefix: string;
    count: number;
    deviceTypeId?: string;
    /** Give reused devices a new shared secret (needed to sign HTTP uplinks); default true. */
    refreshSecrets?: boolean;
    onProgress?: (done: number) => void;
  },
): Promise<{ devices: InternetDevice[]; created: number; reused: number }> {
  const { projectId, flowId, prefix, count } = options;
  const nameOf = (i: number) => `${prefix}${String(i + 1).padStart(4, '0')}`;
  const existing = new Map(
    (await api.all<DeviceRow>(`/api/devices?q=${encodeURIComponent(prefix)}&limit=500`))
      .filter((d) => d.project.id === projectId && d.name.startsWith(prefix))
      .map((d) => [d.name, d]),
  );
  let created = 0;
  let reused = 0;
  let done = 0;
  const devices = await mapLimit(
    Array.from({ length: count }, (_, i) => nameOf(i)),
    8,
    async (name): Promise<InternetDevice> => {
      const found = existing.get(name);
      let device: InternetDevice;
      if (found && found.networkType !== null && found.networkType !== 'INTERNET') {
        throw new Error(`${name} exists but is a ${found.networkType} device: choose another --prefix`);
      }
      if (found) {
        reused++;
        device =
          options.refreshSecrets === false && found.urn
            ? { id: found.id, name, urn: found.urn ?? '', sharedSecret: '' }
            : await refreshInternetDevice(api, found);
      } else {
        created++;
        const row = await api.request<DeviceRow>('POST', '/api/devices', {
          projectId,
          deviceTypeId: options.deviceTypeId ?? 'generic-internet',
          name,
          description: 'Simulated device (pnpm simulate)',
        });
        const sharedSecret = strongSecret();
        const { adapter } = await api.request<{ adapter: NetworkAdapter }>(
          'POST',
          `/api/devices/${row.id}/network-adapters`,
          { type: 'INTERNET', dvnUuid: randomUUID(), sharedSecret },
        );
        device = { id: row.id, name, urn: adapter.urn, sharedSecret };
      }
      options.onProgress?.(++done);
      return device;
    },
  );
  // Linking is a no-op for devices already in the flow; a bulk action takes up to 500 at a time.
  for (let i = 0; i < devices.length; i += 500) {
    const result = await api.request<{ failed: { id: string; detail: string }[] }>(
      'POST',
      '/api/devices/bulk-actions',
      { action: 'link', flowId, deviceIds: devices.slice(i, i + 500).map((d) => d.id) },
    );
    if (result.failed.length > 0) {
      throw new Error(`Linking devices to the flow failed: ${result.failed[0]!.detail}`);
    }
  }
  return { devices, created, reused };
}

/** A reused device: its internet adapter with a new shared secret (or a new adapter if it has none). */
async function refreshInternetDevice(api: ApiClient, row: DeviceRow): Promise<InternetDevice> {
  const { data } = await api.request<{ data: NetworkAdapter[] }>(
    'GET',
    `/api/devices/${row.id}/network-adapters`,
  );
  const adapter = data.find((a) => a.type === 'INTERNET');
  if (!adapter) {
    const sharedSecret = strongSecret();
    const created = await api.request<{ adapter: NetworkAdapter }>(
      'POST',
      `/api/devices/${row.id}/network-adapters`,
      { type: 'INTERNET', dvnUuid: randomUUID(), sharedSecret },
    );
    return { id: row.id, name: row.name, urn: created.adapter.urn, sharedSecret };
  }
  const { sharedSecret } = await api.request<{ sharedSecret: string }>(
    'POST',
    `/api/devices/${row.id}/network-adapters/${adapter.id}/shared-secret`,
  );
  return { id: row.id, name: row.name, urn: adapter.urn, sharedSecret };
}

/**
 * Gives each device an MQTT binding with a password the server generates (created, or changed when it
 * has one: the password is write-only and `generatedPassword` is shown once) and returns the passwords
 * by device id. Generated passwords are checked in microseconds at login; chosen ones cost scrypt.
 */
export async function ensureMqttBindings(
  api: ApiClient,
  deviceIds: string[],
  options: { concurrency?: number; onProgress?: (done: number) => void } = {},
): Promise<Map<string, string>> {
  const passwords = new Map<string, string>();
  let done = 0;
  await mapLimit(deviceIds, options.concurrency ?? 8, async (deviceId) => {
    const { data } = await api.request<{ data: { id: string }[] }>(
      'GET',
      `/api/mqtt/bindings?deviceId=${deviceId}`,
    );
    const { generatedPassword } = data[0]
      ? await api.request<{ generatedPassword?: string }>('PATCH', `/api/mqtt/bindings/${data[0].id}`, {})
      : await api.request<{ generatedPassword?: string }>('POST', '/api/mqtt/bindings', { deviceId });
    if (!generatedPassword) throw new Error(`The server generated no MQTT password for device ${deviceId}`);
    passwords.set(deviceId, generatedPassword);
    options.onProgress?.(++done);
  });
  return passwords;
}

export interface LoraDevice {
  id: string;
  name: string;
  devEui: string;
}

/**
 * Makes sure `count` LoRa devices named `<prefix>0001`… (type Elsys ERS, so the flow's default decoder
 * turns their payloads into temperature, humidity, battery and position) exist in the project with a
 * DevEUI, linked to the flow; earlier ones are reused as they are (a webhook needs no device secret).
 */
export async function ensureLoraDevices(
  api: ApiClient,
  options: { projectId: string; flowId: string; prefix: string; count: number },
): Promise<{ devices: LoraDevice[]; created: number; reused: number }> {
  const { projectId, flowId, prefix, count } = options;
  const existing = new Map(
    (await api.all<DeviceRow>(`/api/devices?q=${encodeURIComponent(prefix)}&limit=500`))
      .filter((d) => d.project.id === projectId && d.name.startsWith(prefix))
      .map((d) => [d.name, d]),
  );
  let created = 0;
  let reused = 0;
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  const devices = await mapLimit(
    Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(4, '0')}`),
    8,
    async (name): Promise<LoraDevice> => {
      const found = existing.get(name);
      if (found && found.networkType === 'LORA' && found.primaryIdentifier) {
        reused++;
        return { id: found.id, name, devEui: found.primaryIdentifier };
      }
      if (found) throw new Error(`${name} exists but is not a LoRa device: choose another --prefix`);
      created++;
      const row = await api.request<DeviceRow>('POST', '/api/devices', {
        projectId,
        deviceTypeId: 'elsys-ers',
        name,
        description: 'Simulated LoRa sensor (pnpm simulate)',
      });
      const { adapter } = await api.request<{ adapter: NetworkAdapter }>(
        'POST',
        `/api/devices/${row.id}/network-adapters`,
        { type: 'LORA', devEui: hex(8), appEui: hex(8), appKey: hex(16) },
      );
      return { id: row.id, name, devEui: adapter.identifier };
    },
  );
  for (let i = 0; i < devices.length; i += 500) {
    const result = await api.request<{ failed: { id: string; detail: string }[] }>(
      'POST',
      '/api/devices/bulk-actions',
      { action: 'link', flowId, deviceIds: devices.slice(i, i + 500).map((d) => d.id) },
    );
    if (result.failed.length > 0) {
      throw new Error(`Linking devices to the flow failed: ${result.failed[0]!.detail}`);
    }
  }
  return { devices, created, reused };
}
