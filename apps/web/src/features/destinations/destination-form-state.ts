import {
  type Destination,
  type DestinationCreate,
  type DestinationKind,
  type DestinationUpdate,
  HeaderNameSchema,
  HeaderValueSchema,
} from '@openthings/domain';

export type AuthType = 'none' | 'basic' | 'bearer' | 'apiKey';

export interface HeaderRow {
  key: string;
  name: string;
  value: string;
}

export interface DestinationFormState {
  kind: DestinationKind;
  name: string;
  description: string;
  sharedSecret: string;
  httpUrl: string;
  method: 'POST' | 'PUT';
  headers: HeaderRow[];
  authType: AuthType;
  username: string;
  password: string;
  token: string;
  apiKeyHeader: string;
  apiKeyValue: string;
  mqttUrl: string;
  topic: string;
  qos: '0' | '1';
  mqttUsername: string;
  mqttPassword: string;
  removeMqttCredentials: boolean;
}

/** Sets one of the form's values. */
export type SetField = <K extends keyof DestinationFormState>(key: K, value: DestinationFormState[K]) => void;

/** What each kind's section of fields gets from the form. */
export interface FieldsProps {
  state: DestinationFormState;
  set: SetField;
  /** Messages by field path (`config.url`) or header row (`<row key>.name`). */
  errors: Record<string, string>;
}

/** Under a credential that is saved: the API never returns it. */
export const SAVED_CREDENTIAL_HINT = 'Saved and not shown: leave empty to keep it';

let rowCounter = 0;
export const headerRow = (name = '', value = ''): HeaderRow => ({ key: `h${++rowCounter}`, name, value });

/** The form's values for a new destination, or the saved values of one (never its credentials). */
export function initialState(destination?: Destination): DestinationFormState {
  const state: DestinationFormState = {
    kind: destination?.kind ?? 'HTTPS',
    name: destination?.name ?? '',
    description: destination?.description ?? '',
    sharedSecret: '',
    httpUrl: '',
    method: 'POST',
    headers: [],
    authType: 'none',
    username: '',
    password: '',
    token: '',
    apiKeyHeader: '',
    apiKeyValue: '',
    mqttUrl: '',
    topic: 'devices/{urn}/up',
    qos: '1',
    mqttUsername: '',
    mqttPassword: '',
    removeMqttCredentials: false,
  };
  if (destination?.kind === 'HTTPS') {
    const { config } = destination;
    state.httpUrl = config.url;
    state.method = config.method;
    state.headers = Object.entries(config.headers).map(([name, value]) => headerRow(name, value));
    state.authType = config.auth.type;
    if (config.auth.type === 'basic') state.username = config.auth.username;
    if (config.auth.type === 'apiKey') state.apiKeyHeader = config.auth.header;
  }
  if (destination?.kind === 'MQTT') {
    state.mqttUrl = destination.config.url;
    state.topic = destination.config.topic;
    state.qos = String(destination.config.qos) as '0' | '1';
  }
  return state;
}

function headerRecord(rows: readonly HeaderRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((r) => r.name.trim() !== '').map((r) => [r.name.trim(), r.value]));
}

function authInput(s: DestinationFormState) {
  switch (s.authType) {
    case 'basic':
      return { type: 'basic' as const, username: s.username, password: s.password };
    case 'bearer':
      return { type: 'bearer' as const, token: s.token };
    case 'apiKey':
      return { type: 'apiKey' as const, header: s.apiKeyHeader, value: s.apiKeyValue };
    default:
      return { type: 'none' as const };
  }
}

/** The create request for the form's values. */
export function createBody(s: DestinationFormState): DestinationCreate {
  const base = {
    name: s.name,
    description: s.description,
    ...(s.sharedSecret !== '' && { sharedSecret: s.sharedSecret }),
  };
  if (s.kind === 'TEST') return { kind: 'TEST', name: s.name, description: s.description };
  if (s.kind === 'MQTT')
    return {
      kind: 'MQTT',
      ...base,
      config: {
        url: s.mqttUrl,
        topic: s.topic,
        qos: Number(s.qos) as 0 | 1,
        ...(s.mqttUsername !== '' && { username: s.mqttUsername }),
        ...(s.mqttPassword !== '' && { password: s.mqttPassword }),
      },
    };
  return {
    kind: 'HTTPS',
    ...base,
    config: { url: s.httpUrl, method: s.method, headers: headerRecord(s.headers), auth: authInput(s) },
  };
}

/**
 * The PATCH for what changed. Credentials are write-only: the authentication is sent only when its type
 * or one of its values changed, and then whole (with its secret), as the API replaces it whole.
 */
export function updateBody(saved: Destination, s: DestinationFormState): DestinationUpdate | null {
  const patch: Record<string, unknown> = {};
  if (s.name !== saved.name) patch.name = s.name;
  if (s.description !== saved.description) patch.description = s.description;
  if (s.sharedSecret !== '') patch.sharedSecret = s.sharedSecret;
  if (saved.kind === 'HTTPS') {
    const config: Record<string, unknown> = {};
    if (s.httpUrl !== saved.config.url) config.url = s.httpUrl;
    if (s.method !== saved.config.method) config.method = s.method;
    const headers = headerRecord(s.headers);
    if (JSON.stringify(headers) !== JSON.stringify(saved.config.headers)) config.headers = headers;
    const auth = saved.config.auth;
    const authChanged =
      s.authType !== auth.type ||
      s.password !== '' ||
      s.token !== '' ||
      s.apiKeyValue !== '' ||
      (auth.type === 'basic' && s.username !== auth.username) ||
      (auth.type === 'apiKey' && s.apiKeyHeader !== auth.header);
    if (authChanged) config.auth = authInput(s);
    if (Object.keys(config).length > 0) patch.config = config;
  }
  if (saved.kind === 'MQTT') {
    const config: Record<string, unknown> = {};
    if (s.mqttUrl !== saved.config.url) config.url = s.mqttUrl;
    if (s.topic !== saved.config.topic) config.topic = s.topic;
    if (Number(s.qos) !== saved.config.qos) config.qos = Number(s.qos);
    if (s.removeMqttCredentials) {
      config.username = null;
      config.password = null;
    } else {
      if (s.mqttUsername !== '') config.username = s.mqttUsername;
      if (s.mqttPassword !== '') config.password = s.mqttPassword;
    }
    if (Object.keys(config).length > 0) patch.config = config;
  }
  if (Object.keys(patch).length === 0) return null;
  return { kind: saved.kind, ...patch } as DestinationUpdate;
}

/** Per-row checks of the headers editor, with the domain's header rules. */
export function headerRowErrors(rows: readonly HeaderRow[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.name.trim() === '' && row.value === '') continue;
    const name = HeaderNameSchema.safeParse(row.name);
    const value = HeaderValueSchema.safeParse(row.value);
    if (!name.success) errors[`${row.key}.name`] = name.error.issues[0]?.message ?? 'Not a valid header name';
    else if (seen.has(row.name.trim().toLowerCase()))
      errors[`${row.key}.name`] = `The header ${row.name.trim()} is given twice`;
    if (!value.success) errors[`${row.key}.value`] = value.error.issues[0]?.message ?? 'Not a valid value';
    seen.add(row.name.trim().toLowerCase());
  }
  return errors;
}
