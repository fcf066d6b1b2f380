import { type Contract, ProblemSchema } from '@openthings/domain';
import { z } from 'zod';
import { MEDIA_TYPES } from './router.ts';

type JsonSchema = Record<string, unknown>;

/** Converts a schema to JSON Schema 2020-12 (OpenAPI 3.1's dialect), collecting named ones. */
function convert(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
): JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  const defs = (json.$defs ?? {}) as Record<string, JsonSchema>;
  delete json.$defs;
  delete json.$schema;
  const rewrite = (value: JsonSchema) =>
    JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  for (const [name, def] of Object.entries(defs)) components[name] ??= rewrite(def);
  if (typeof json.id === 'string') {
    // A named root schema becomes a component and a reference to it.
    const { id, ...rest } = json;
    components[id as string] ??= rewrite(rest);
    return { $ref: `#/components/schemas/${id}` };
  }
  return rewrite(json);
}

function parameters(
  schema: z.ZodType | undefined,
  location: 'path' | 'query',
  components: Record<string, JsonSchema>,
) {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, field]) => {
    const json = convert(field, 'input', components);
    const { description, ...rest } = json;
    return {
      name,
      in: location,
      required: location === 'path' || !field.safeParse(undefined).success,
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
}

/** The OpenAPI 3.1 document of every registered contract, generated from the same schemas. */
export function buildOpenApi(contracts: Contract[], info: { version: string }) {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  const problem = convert(ProblemSchema, 'output', components);
  const problemContent = { 'application/problem+json': { schema: problem } };
  for (const contract of contracts) {
    const errors: Record<string, unknown> = {
      '400': { description: 'Invalid request', content: problemContent },
    };
    if (contract.auth === 'required') {
      errors['401'] = { description: 'Missing, invalid or expired credentials', content: problemContent };
      errors['403'] = { description: 'Not allowed for your roles', content: problemContent };
    }
    if (contract.params) errors['404'] = { description: 'Not found', content: problemContent };
    const operation: Record<string, unknown> = {
      operationId: contract.operationId,
      summary: contract.summary,
      tags: contract.tags,
      parameters: [
        ...parameters(contract.params, 'path', components),
        ...parameters(contract.query, 'query', components),
      ],
      responses: {
        [String(contract.status)]:
          contract.status === 204
            ? { description: 'Done' }
            : contract.produces
              ? {
                  description: 'The file',
                  content: Object.fromEntries(
                    contract.produces.map((type) => [type, { schema: { type: 'string' } }]),
                  ),
                }
              : {
                  description: 'OK',
                  content: {
                    'application/json': { schema: convert(contract.response, 'output', components) },
                  },
                },
        ...errors,
      },
      ...(contract.auth === 'public' ? { security: [] } : {}),
    };
    if (contract.body) {
      const schema = convert(contract.body, 'input', components);
      const content: Record<string, unknown> = {};
      for (const type of contract.bodyTypes ?? ['json']) content[MEDIA_TYPES[type]] = { schema };
      operation.requestBody = { required: true, content };
    }
    paths[contract.path] ??= {};
    paths[contract.path]![contract.method] = operation;
  }
  Object.assign(paths, deviceIngestPaths(problemContent));
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenThings API',
      version: info.version,
      description:
        'Devices, flows, destinations and connectivity. Authenticate with a bearer token from ' +
        '`POST /api/auth/token` (client credentials of an API key). Errors are RFC 7807 problem+json.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Access token from POST /api/auth/token' },
        session: { type: 'apiKey', in: 'cookie', name: 'ot_session' },
      },
    },
  };
}

/**
 * The device side of the HTTP SenML connector (`connectors/http-senml.ts`): not an API call of a user
 * but what firmware sends. Described here so its answers — above all what "bad SenML" is, the same rule
 * the MQTT connector answers with reason 0x99 — are in the one document clients generate code from.
 */
function deviceIngestPaths(problemContent: Record<string, unknown>) {
  const problem = (description: string) => ({ description, content: problemContent });
  const operation = (network: 'ip' | 'm2m') => ({
    post: {
      operationId: network === 'ip' ? 'ingestInternetSenml' : 'ingestM2mSenml',
      summary:
        network === 'ip'
          ? 'A SenML pack from an internet device (bn = urn:dev:DVNUUID:<uuid>:)'
          : 'A SenML pack from an M2M device (bn = urn:dev:IMEI:<imei>:)',
      tags: ['Device ingestion'],
      security: [],
      parameters: [
        {
          name: 'Things-Message-Token',
          in: 'header',
          required: true,
          description: "Lowercase hex SHA-256 of the exact body bytes followed by the device's shared secret",
          schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
        },
      ],
      requestBody: {
        required: true,
        content: Object.fromEntries(
          ['application/senml+json', 'application/json'].map((type) => [
            type,
            { schema: { type: 'array', minItems: 1, items: { type: 'object' } } },
          ]),
        ),
      },
      responses: {
        '202': {
          description: 'Stored durably; the X-Uplink-Id header names the uplink',
          headers: { 'X-Uplink-Id': { schema: { type: 'string', format: 'uuid' } } },
        },
        '400': problem(
          'Not SenML as RFC 8428 allows, so nothing is stored: not UTF-8 JSON, not a non-empty array of ' +
            'records, a value of the wrong type ("v":"hot"), two values in a record, an invalid name, a ' +
            "record naming another device, or what cannot be stored (a time outside years 1–9999, NUL, a lone surrogate). detail starts with pack[<index>]:. Over MQTT the same pack is answered with reason 0x99. What a decoder later rejects is a decoding error in the device's history, not a 400.",
        ),
        '401': problem('Missing or wrong Things-Message-Token'),
        '404': problem('No device with this URN'),
        '413': problem('Body over 64 KB'),
        '415': problem('Neither application/json nor application/senml+json'),
      },
    },
  });
  return { '/ingestion/ip/senml/v1': operation('ip'), '/ingestion/m2m/senml/v1': operation('m2m') };
}
