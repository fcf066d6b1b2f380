import { z } from 'zod';
import { characterClasses } from '../auth/password.ts';
import { listQuerySchema, pageSchema } from '../shared/list.ts';
import { Timestamp } from '../shared/time.ts';

export const HTTP_BINDING_TYPES = ['http-senml', 'http-streamline'] as const;

const base = {
  id: z.uuid(),
  deviceId: z.uuid(),
  urn: z.string().describe('Device URN; the MQTT username'),
  createdAt: Timestamp,
  modifiedAt: Timestamp,
};

export const HttpBindingSchema = z
  .object({ ...base, type: z.enum(HTTP_BINDING_TYPES) })
  .meta({ id: 'HttpBinding' });
export const MqttBindingSchema = z.object(base).meta({ id: 'MqttBinding' });
/** The answer to setting a password: with the password the server generated, shown this once. */
export const MqttBindingWithPasswordSchema = MqttBindingSchema.extend({
  generatedPassword: z
    .string()
    .optional()
    .describe(
      'Only when the server generated the password: give it to the device now, it is not shown again',
    ),
}).meta({ id: 'MqttBindingWithPassword' });
export const LoraBindingSchema = z
  .object({ ...base, devEui: z.string(), status: z.enum(['INVENTORY', 'ACTIVE']) })
  .meta({ id: 'LoraBinding' });
export type HttpBinding = z.infer<typeof HttpBindingSchema>;
export type MqttBinding = z.infer<typeof MqttBindingSchema>;
export type MqttBindingWithPassword = z.infer<typeof MqttBindingWithPasswordSchema>;
export type LoraBinding = z.infer<typeof LoraBindingSchema>;

/** MQTT passwords: at least 24 characters with lower, upper, digit and special; write-only. */
export const MqttPasswordSchema = z
  .string()
  .min(24, 'The password must be at least 24 characters')
  .max(200, 'The password must be at most 200 characters')
  .refine((v) => characterClasses(v) === 4, {
    message: 'The password needs lowercase, uppercase, digit and special characters',
  });

const chosenOrGenerated = MqttPasswordSchema.optional().describe(
  'A password of your own (at least 24 characters, four character classes), or leave it out and the ' +
    'server generates one (32 random characters), returned once in `generatedPassword`. Generated ' +
    'passwords are checked in microseconds at login, so a whole fleet can reconnect at once; passwords ' +
    'of your own are checked with scrypt.',
);

export const MqttBindingCreateSchema = z
  .object({ deviceId: z.uuid(), password: chosenOrGenerated })
  .strict()
  .meta({ id: 'MqttBindingCreate' });
export const MqttBindingUpdateSchema = z
  .object({ password: chosenOrGenerated })
  .strict()
  .meta({ id: 'MqttBindingUpdate' });

/** Where devices reach this server's MQTT broker (ports; the host is the one the portal is opened at). */
export const MqttBrokerInfoSchema = z
  .object({
    tcpPort: z.number().int().nullable().describe('Plain MQTT; null when the plaintext listener is off'),
    tlsPort: z.number().int().nullable().describe('MQTT over TLS, and WebSocket over TLS at webSocketPath'),
    tlsFingerprint: z
      .string()
      .nullable()
      .describe('SHA-256 fingerprint of the TLS certificate (check a self-signed one against it)'),
    tlsSelfSigned: z.boolean().describe('The certificate was made by the server (not for production)'),
    webSocketPath: z.string().nullable().describe('MQTT over WebSocket on the HTTP port (and the TLS port)'),
  })
  .meta({ id: 'MqttBrokerInfo' });
export type MqttBrokerInfo = z.infer<typeof MqttBrokerInfoSchema>;

export const BindingListQuerySchema = listQuerySchema(
  ['createdAt', 'modifiedAt'] as const,
  '-createdAt',
).extend({
  deviceId: z.uuid().optional(),
});
export type BindingListQuery = z.output<typeof BindingListQuerySchema>;
export const HttpBindingListQuerySchema = BindingListQuerySchema.extend({
  type: z.enum(HTTP_BINDING_TYPES).optional(),
});

export const HttpBindingPageSchema = pageSchema(HttpBindingSchema);
export const MqttBindingPageSchema = pageSchema(MqttBindingSchema);
export const LoraBindingPageSchema = pageSchema(LoraBindingSchema);
