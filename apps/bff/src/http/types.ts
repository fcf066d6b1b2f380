import type { Actor, MqttBrokerInfo } from '@openthings/domain';
import type { Logger } from 'pino';
import type { Database, Db } from '../db/client.ts';
import type { Env } from '../env.ts';
import type { Metrics } from '../metrics.ts';

/** What every service gets: the database, configuration, a logger and the clock. */
export interface Deps {
  database: Database;
  db: Db;
  env: Env;
  logger: Logger;
  /** The process's metrics (HTTP and pipeline), served on `/metrics`. */
  metrics: Metrics;
  now: () => Date;
  /** This process's MQTT broker, once it listens (`start`, `server`); not in workers. */
  mqttBroker?: () => MqttBrokerInfo;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | undefined;
    /** How the request authenticated: a session cookie (CSRF-checked) or a bearer token. */
    authVia: 'session' | 'bearer' | undefined;
    /** The contract path of the API route handling the request, for metrics. */
    route: string | undefined;
  };
}
