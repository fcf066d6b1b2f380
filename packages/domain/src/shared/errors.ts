/**
 * A rule of the domain was broken. Codes are `<feature>.<reason>`; the bff maps each code once to an
 * HTTP status (problem+json) and the web maps each code once to a sentence.
 */
export type FieldErrors = Record<string, string[]>;

export const errorStatus = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.unsupported_media_type': 415,
  'request.body_too_large': 413,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.invalid_client': 401,
  'auth.invalid_token': 401,
  'auth.too_many_attempts': 429,
  'auth.busy': 429,
  'auth.forbidden': 403,
  'auth.csrf': 403,
  'auth.customer_context': 403,
  'auth.user_inactive': 401,
  'resource.not_found': 404,
  'route.not_found': 404,
  'route.method_not_allowed': 405,
  'users.email_taken': 409,
  'devices.identifier_exists': 409,
  'devices.identifier_immutable': 400,
  'devices.limit_reached': 409,
  'devices.managed': 409,
  'devices.network_not_supported': 400,
  'devices.adapter_exists': 409,
  'devices.sim_unavailable': 409,
  'devices.type_not_allowed': 400,
  'flows.limit_reached': 409,
  'flows.wrong_project': 400,
  'views.limit_reached': 409,
  'bulk.invalid_file': 400,
  'bulk.no_valid_rows': 400,
  'bulk.secrets_not_ready': 409,
  'bulk.secrets_gone': 410,
  'ingest.unknown_device': 404,
  'ingest.bad_token': 401,
  'ingest.bad_senml': 400,
  'ingest.bad_metadata': 400,
  'lora.unknown_integration': 404,
  'lora.unauthenticated': 401,
  'lora.unknown_device': 404,
  'lora.bad_uplink': 400,
  'connectivity.transition_forbidden': 409,
  'connectivity.plan_mismatch': 409,
  'connectivity.sim_retired': 409,
  'connectivity.sim_linked': 409,
  'connectivity.sim_not_linked': 409,
  'connectivity.device_has_sim': 409,
  'connectivity.carrier_refused': 409,
  'connectivity.carrier_unavailable': 503,
  'destinations.target_not_allowed': 400,
  'destinations.limit_reached': 409,
  'destinations.kind_immutable': 400,
  'destinations.not_test_endpoint': 409,
  'destinations.not_dead_letter': 409,
  'state.conflict': 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}, fieldErrors?: FieldErrors) {
    super(typeof details.detail === 'string' ? details.detail : errorTitles[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/** Titles users read in problem+json and in the portal; one sentence per code. */
export const errorTitles: Record<ErrorCode, string> = {
  'request.invalid': 'The request is not valid',
  'request.malformed_json': 'The request body is not valid JSON',
  'request.unsupported_media_type': 'Unsupported content type',
  'request.body_too_large': 'The request body is too large',
  'auth.unauthenticated': 'You are not signed in',
  'auth.invalid_credentials': 'Incorrect email address or password',
  'auth.invalid_client': 'Unknown client or wrong client secret',
  'auth.invalid_token': 'The access token is invalid or has expired',
  'auth.too_many_attempts': 'Too many failed attempts, try again later',
  'auth.busy': 'The server is busy checking logins, try again shortly',
  'auth.forbidden': 'You are not allowed to do this',
  'auth.csrf': 'Cross-site request refused',
  'auth.customer_context': 'You cannot act for this customer',
  'auth.user_inactive': 'This account is deactivated',
  'resource.not_found': 'Not found',
  'route.not_found': 'Not found',
  'route.method_not_allowed': 'Method not allowed',
  'users.email_taken': 'A user with this email address already exists',
  'devices.identifier_exists': 'The network identifier already exists for this network type',
  'devices.identifier_immutable': 'A network identifier cannot be changed once set',
  'devices.limit_reached':
    'Device could not be created: The maximum amount of devices for this product has been reached',
  'devices.managed': 'Managed devices cannot be deleted',
  'devices.network_not_supported': 'This device type does not support this network type',
  'devices.adapter_exists': 'The device already has network information for this network type',
  'devices.sim_unavailable': 'This SIM cannot be linked',
  'devices.type_not_allowed': 'This device type is not allowed in this project',
  'flows.limit_reached':
    'Flow could not be created: The maximum amount of flows for this product has been reached',
  'flows.wrong_project': 'The device and the flow belong to different projects',
  'views.limit_reached': 'You can save at most 10 views per table',
  'bulk.invalid_file': 'The file cannot be read as a device CSV',
  'bulk.no_valid_rows': 'The file has no valid rows',
  'bulk.secrets_not_ready': 'The generated secrets can be downloaded once the run is finished',
  'bulk.secrets_gone': 'The generated secrets of this run are no longer available',
  'ingest.unknown_device': 'Unknown device',
  'ingest.bad_token': 'The message token is wrong',
  'ingest.bad_senml': 'The body is not a valid SenML pack',
  'ingest.bad_metadata': 'The message carries metadata that cannot be stored',
  'lora.unknown_integration': 'Unknown LoRa integration',
  'lora.unauthenticated': 'The network server is not authenticated for this integration',
  'lora.unknown_device': 'No LoRa device with this DevEUI belongs to the integration',
  'lora.bad_uplink': 'The body is not a valid message of this network server',
  'connectivity.transition_forbidden': 'This status change is not allowed for the SIM',
  'connectivity.plan_mismatch': 'The communication plan and the rate plan do not go together',
  'connectivity.sim_retired': 'A retired SIM cannot be changed or linked',
  'connectivity.sim_linked': 'The SIM is already linked to another device',
  'connectivity.sim_not_linked': 'The SIM is not linked to a device',
  'connectivity.device_has_sim': 'The device already has a SIM',
  'connectivity.carrier_refused': "The carrier's control centre refused the change",
  'connectivity.carrier_unavailable': "The carrier's control centre cannot be reached, try again later",
  'destinations.target_not_allowed': 'Deliveries may not go to this address',
  'destinations.limit_reached':
    'Destination could not be linked: The maximum amount of destinations for this product has been reached',
  'destinations.kind_immutable': 'The kind of a destination cannot be changed',
  'destinations.not_test_endpoint': 'Only a test endpoint has an inbox',
  'destinations.not_dead_letter': 'This delivery is not in the dead letters',
  'state.conflict': 'The request conflicts with the current state',
  internal: 'Something went wrong on our side',
};

export const ProblemTypeBase = 'https://openthings.dev/problems/';
