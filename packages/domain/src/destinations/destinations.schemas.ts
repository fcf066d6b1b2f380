import { z } from 'zod';
import { SharedSecretSchema } from '../auth/password.ts';
import { commaList } from '../devices/devices.schemas.ts';
import { DescriptionSchema } from '../projects/projects.schemas.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { storedText } from '../shared/text.ts';
import { Timestamp } from '../shared/time.ts';
import { HEADER_VALUE_PATTERN, headerNameProblem } from './headers.ts';
import { topicTemplateProblem } from './mqtt-topic.ts';
import { classifyIp, NEVER_ALLOWED_IP_CLASSES, urlLiteralAddress } from './ssrf.ts';

export const DESTINATION_KINDS = ['HTTPS', 'TEST', 'MQTT'] as const;
export const DestinationKindSchema = z.enum(DESTINATION_KINDS);
export type DestinationKind = z.infer<typeof DestinationKindSchema>;
export const destinationKindLabels: Record<DestinationKind, string> = {
  HTTPS: 'HTTPS endpoint',
  TEST: 'Test endpoint',
  MQTT: 'MQTT broker',
};

export const DESTINATION_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
export const DestinationStatusSchema = z.enum(DESTINATION_STATUSES);
export type DestinationStatus = z.infer<typeof DestinationStatusSchema>;

/** The reasons the platform itself sets a destination Inactive (stored as `inactiveReason`). */
export const destinationInactiveReasons = {
  gone: 'The endpoint answered 410 Gone',
  failing: 'Every delivery failed for 5 days',
} as const;

// ---------------------------------------------------------------- URLs, headers, credentials

/**
 * Problems of a destination URL that need no DNS: a missing host, credentials in the URL (they would be
 * readable by everyone who can read the destination) and IP literals no delivery may ever reach. Private
 * and loopback literals depend on the operator's setting, so the service checks those.
 */
export function urlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter a full URL';
  }
  if (url.hostname === '') return 'The URL needs a host';
  if (url.username !== '' || url.password !== '') {
    return 'Put credentials in the authentication settings, not in the URL';
  }
  // Private and loopback literals depend on the operator's setting: the service checks those.
  const address = urlLiteralAddress(text);
  if (address !== null && NEVER_ALLOWED_IP_CLASSES.includes(classifyIp(address)))
    return `Deliveries may not go to ${classifyIp(address)} addresses`;
  return null;
}

function urlSchema(protocol: RegExp, message: string) {
  return z
    .string()
    .trim()
    .max(2000, 'The URL must be at most 2000 characters')
    .pipe(z.url({ protocol, message }))
    .superRefine((value, ctx) => {
      const problem = urlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export const HttpUrlSchema = urlSchema(/^https?$/, 'Enter an http:// or https:// URL');
export const MqttUrlSchema = urlSchema(/^mqtts?$/, 'Enter an mqtt:// or mqtts:// URL');

export const HeaderValueSchema = z
  .string()
  .trim()
  .max(1000, 'A header value must be at most 1000 characters')
  .regex(HEADER_VALUE_PATTERN, 'A header value may not hold line breaks or control characters');

export const HeaderNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a header name')
  .max(100, 'A header name must be at most 100 characters')
  .superRefine((name, ctx) => {
    const problem = headerNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const MAX_EXTRA_HEADERS = 20;

export const ExtraHeadersSchema = z
  .record(HeaderNameSchema, HeaderValueSchema)
  .superRefine((headers, ctx) => {
    const names = Object.keys(headers);
    if (names.length > MAX_EXTRA_HEADERS) {
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_EXTRA_HEADERS} extra headers` });
    }
    const seen = new Set<string>();
    for (const name of names) {
      // HTTP header names are case-insensitive: X-Key and x-key would be sent as one header.
      if (seen.has(name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', message: `The header ${name} is given twice`, path: [name] });
      }
      seen.add(name.toLowerCase());
    }
  })
  .describe('Extra request headers; not the signing, hop-by-hop, Host or Content-Length headers');

const secretText = (label: string) =>
  z.string().min(1, `Enter the ${label}`).max(2000, `The ${label} must be at most 2000 characters`);

/** Authentication the receiver asks for. Credentials are write-only: answers never carry them. */
export const HttpsAuthInputSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('none') }).strict(),
    z
      .object({
        type: z.literal('basic'),
        // RFC 7617: the user-id of Basic authentication cannot contain a colon.
        username: z
          .string()
          .min(1, 'Enter the user name')
          .max(200)
          .refine((v) => !v.includes(':'), 'The user name cannot contain ":"'),
        password: secretText('password'),
      })
      .strict(),
    z
      .object({
        type: z.literal('bearer'),
        token: secretText('token').regex(
          /^[\x21-\x7e]+$/,
          'The token may hold no spaces or control characters',
        ),
      })
      .strict(),
    z
      .object({
        type: z.literal('apiKey'),
        header: HeaderNameSchema,
        value: secretText('API key').regex(
          HEADER_VALUE_PATTERN,
          'The API key may not hold control characters',
        ),
      })
      .strict(),
  ])
  .meta({ id: 'DestinationAuthInput' });
export type HttpsAuthInput = z.infer<typeof HttpsAuthInputSchema>;

/** What answers show of the authentication: its type and the non-secret parts. */
export const HttpsAuthSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    z.object({ type: z.literal('basic'), username: z.string() }),
    z.object({ type: z.literal('bearer') }),
    z.object({ type: z.literal('apiKey'), header: z.string() }),
  ])
  .meta({ id: 'DestinationAuth' });
export type HttpsAuth = z.infer<typeof HttpsAuthSchema>;

export const HTTP_METHODS = ['POST', 'PUT'] as const;

const httpsConfigShape = {
  url: HttpUrlSchema,
  method: z.enum(HTTP_METHODS),
  headers: ExtraHeadersSchema,
  auth: HttpsAuthInputSchema,
};

/** The extra headers must not fight the authentication for a header. */
function checkAuthHeaders(
  config: { headers?: Record<string, string> | undefined; auth?: HttpsAuthInput | undefined },
  ctx: z.RefinementCtx,
) {
  if (!config.headers || !config.auth) return;
  const names = new Set(Object.keys(config.headers).map((n) => n.toLowerCase()));
  const taken =
    config.auth.type === 'basic' || config.auth.type === 'bearer'
      ? 'authorization'
      : config.auth.type === 'apiKey'
        ? config.auth.header.toLowerCase()
        : null;
  if (taken && names.has(taken)) {
    ctx.addIssue({
      code: 'custom',
      message: `The header ${taken} is already set by the authentication`,
      path: ['headers'],
    });
  }
}

export const HttpsConfigInputSchema = z
  .object({
    ...httpsConfigShape,
    method: httpsConfigShape.method.default('POST'),
    headers: httpsConfigShape.headers.default({}),
    auth: httpsConfigShape.auth.default({ type: 'none' }),
  })
  .strict()
  .superRefine(checkAuthHeaders)
  .meta({ id: 'HttpsDestinationConfigInput' });
export type HttpsConfigInput = z.input<typeof HttpsConfigInputSchema>;
export type HttpsConfig = z.output<typeof HttpsConfigInputSchema>;

/**
 * PATCH of an HTTPS config: the fields given replace the stored ones (`auth` as a whole, with its
 * credentials). The service validates the merged result with `HttpsConfigInputSchema`.
 */
export const HttpsConfigPatchSchema = z
  .object(httpsConfigShape)
  .partial()
  .strict()
  .superRefine(checkAuthHeaders)
  .meta({ id: 'HttpsDestinationConfigPatch' });

export const HttpsConfigSchema = z
  .object({
    url: z.string(),
    method: z.enum(HTTP_METHODS),
    headers: z.record(z.string(), z.string()),
    auth: HttpsAuthSchema,
  })
  .meta({ id: 'HttpsDestinationConfig' });

// ---------------------------------------------------------------- MQTT

export const TopicTemplateSchema = z
  .string()
  .trim()
  .min(1, 'Enter a topic')
  .max(500, 'The topic must be at most 500 characters')
  .superRefine((value, ctx) => {
    const problem = topicTemplateProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('Topic to publish to; {urn} and {deviceId} are replaced per message');

const nullableCredential = (label: string) =>
  z
    .string()
    .min(1, `Enter the ${label}`)
    .max(200, `The ${label} must be at most 200 characters`)
    .nullish()
    .transform((v) => v ?? undefined);

const mqttConfigShape = {
  url: MqttUrlSchema,
  topic: TopicTemplateSchema,
  qos: z.union([z.literal(0), z.literal(1)], { message: 'QoS must be 0 or 1' }),
  username: nullableCredential('user name'),
  password: nullableCredential('password'),
};

const passwordNeedsUser = (c: { username?: string | undefined; password?: string | undefined }) =>
  c.password === undefined || c.username !== undefined;

/** Publishing to an external broker. `username` and `password` are write-only; null removes them. */
export const MqttConfigInputSchema = z
  .object({ ...mqttConfigShape, qos: mqttConfigShape.qos.default(1) })
  .strict()
  .refine(passwordNeedsUser, { message: 'A password needs a user name', path: ['username'] })
  .meta({ id: 'MqttDestinationConfigInput' });
export type MqttConfigInput = z.input<typeof MqttConfigInputSchema>;
export type MqttConfig = z.output<typeof MqttConfigInputSchema>;

/** PATCH of an MQTT config: the fields given replace the stored ones; `null` removes a credential. */
export const MqttConfigPatchSchema = z
  .object(mqttConfigShape)
  .partial()
  .strict()
  .meta({ id: 'MqttDestinationConfigPatch' });

export const MqttConfigSchema = z
  .object({
    url: z.string(),
    topic: z.string(),
    qos: z.union([z.literal(0), z.literal(1)]),
    hasCredentials: z.boolean(),
  })
  .meta({ id: 'MqttDestinationConfig' });

// ---------------------------------------------------------------- destination

export const DestinationNameSchema = storedText('The name')
  .trim()
  .min(1, 'Enter a name')
  .max(100, 'The name must be at most 100 characters');

/**
 * How long the previous shared secret keeps signing after a rotation: receivers verifying Standard
 * Webhooks accept either signature, so they can switch secrets within this window (PRODUCT §6).
 */
export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

const destinationBase = {
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  status: DestinationStatusSchema,
  inactiveReason: z.string().nullable().describe('Why the destination is Inactive; null while Active'),
  failingSince: Timestamp.nullable().describe('Start of the current run of failed deliveries'),
  flowCount: z.number().int().describe('Number of flows linked to the destination'),
  signing: z.object({
    plugUuid: z.uuid().describe('Value of the Things-Plug-UUID header: the destination id'),
    previousSecretUntil: Timestamp.nullable().describe(
      'After a secret rotation, the previous secret signs too (a second webhook-signature) until this time, ' +
        'so receivers can switch without rejecting deliveries; null when only the current secret signs',
    ),
    whsecKey: z
      .string()
      .nullable()
      .describe(
        'The shared secret as a Standard Webhooks key (whsec_…). It is the secret in another form, so it ' +
          'is only in the answer to the request that set the secret; null otherwise',
      ),
  }),
  createdAt: Timestamp,
  modifiedAt: Timestamp,
};

export const DestinationSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...destinationBase, kind: z.literal('HTTPS'), config: HttpsConfigSchema }),
    z.object({ ...destinationBase, kind: z.literal('TEST'), config: z.null() }),
    z.object({ ...destinationBase, kind: z.literal('MQTT'), config: MqttConfigSchema }),
  ])
  .meta({ id: 'Destination' });
export type Destination = z.infer<typeof DestinationSchema>;

const createBase = {
  name: DestinationNameSchema,
  description: DescriptionSchema.default(''),
  sharedSecret: SharedSecretSchema.optional().describe(
    'Signs every delivery; write-only. Omit to have one generated (shown once)',
  ),
};

export const DestinationCreateSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('HTTPS'), ...createBase, config: HttpsConfigInputSchema }).strict(),
    z.object({ kind: z.literal('TEST'), ...createBase }).strict(),
    z.object({ kind: z.literal('MQTT'), ...createBase, config: MqttConfigInputSchema }).strict(),
  ])
  .meta({ id: 'DestinationCreate' });
export type DestinationCreate = z.input<typeof DestinationCreateSchema>;

const updateBase = {
  name: DestinationNameSchema.optional(),
  description: DescriptionSchema.optional(),
  sharedSecret: SharedSecretSchema.optional().describe('A new secret: rotates the signing secret'),
};

/**
 * PATCH: `kind` names the destination's kind (it cannot change; another kind is refused) so the config
 * patch can be validated for it.
 */
export const DestinationUpdateSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('HTTPS'), ...updateBase, config: HttpsConfigPatchSchema.optional() }).strict(),
    z.object({ kind: z.literal('TEST'), ...updateBase }).strict(),
    z.object({ kind: z.literal('MQTT'), ...updateBase, config: MqttConfigPatchSchema.optional() }).strict(),
  ])
  .refine((v) => Object.keys(v).some((k) => k !== 'kind'), { message: 'Nothing to update' })
  .meta({ id: 'DestinationUpdate' });
export type DestinationUpdate = z.output<typeof DestinationUpdateSchema>;

export const DestinationCreatedSchema = z
  .object({
    destination: DestinationSchema,
    secrets: z
      .object({ sharedSecret: z.string().optional().describe('Present when the server generated it') })
      .describe('Generated secrets, shown once: they cannot be retrieved after this answer'),
  })
  .meta({ id: 'DestinationCreated' });

export const DESTINATION_SORT_FIELDS = ['name', 'createdAt'] as const;
export const DestinationListQuerySchema = listQuerySchema(DESTINATION_SORT_FIELDS, 'name').extend({
  kind: commaList(DestinationKindSchema).optional().describe('Comma list of kinds'),
  status: commaList(DestinationStatusSchema).optional().describe('Comma list of statuses'),
  projectId: z
    .uuid({ message: 'projectId must be a uuid' })
    .optional()
    .describe('Destinations linked to a flow of this project'),
  flowId: z
    .uuid({ message: 'flowId must be a uuid' })
    .optional()
    .describe('Destinations linked to this flow'),
});
export type DestinationListQuery = z.output<typeof DestinationListQuerySchema>;
export const DestinationPageSchema = pageSchema(DestinationSchema).meta({ id: 'DestinationPage' });
