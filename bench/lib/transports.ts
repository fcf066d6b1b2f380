/**
 * How the simulator's devices reach OpenThings: HTTP SenML (signed with the shared secret) or the
 * built-in MQTT broker (one connection per device, QoS 1: the PUBACK comes once the uplink is stored).
 */
import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import type { InternetDevice } from './api-client.ts';
import { mapLimit } from './api-client.ts';
import { createPoster, messageToken, type SendOutcome } from './load.ts';

export interface Transport {
  /** Where the uplinks go, for the log. */
  target: string;
  send(deviceIndex: number, body: string): Promise<SendOutcome>;
  close(): Promise<void>;
}

export const HTTP_SENML_PATH = '/ingestion/ip/senml/v1';

export function httpTransport(baseUrl: string, devices: InternetDevice[], connections: number): Transport {
  const poster = createPoster(baseUrl, connections);
  return {
    target: `HTTP ${baseUrl.replace(/\/+$/, '')}${HTTP_SENML_PATH}`,
    async send(i, body) {
      const device = devices[i]!;
      const answer = await poster.post(
        HTTP_SENML_PATH,
        {
          'content-type': 'application/senml+json',
          'things-message-token': messageToken(body, device.sharedSecret),
        },
        body,
      );
      return { ok: answer.status >= 200 && answer.status < 300, label: String(answer.status) };
    },
    async close() {
      poster.close();
    },
  };
}

/** A publish the broker never acknowledges (connection closed, uplink refused) counts as failed. */
const PUBACK_TIMEOUT_MS = 15_000;

/**
 * Connects every device to the broker (username = device URN, password of its MQTT binding; a few
 * logins at a time, each costs the server a password hash check) and publishes on `devices/<urn>/up`.
 */
export async function mqttTransport(
  brokerUrl: string,
  devices: InternetDevice[],
  passwords: Map<string, string>,
): Promise<Transport> {
  const clients: MqttClient[] = await mapLimit(devices, 16, (device) =>
    connectAsync(brokerUrl, {
      username: device.urn,
      password: passwords.get(device.id)!,
      clientId: `${device.name}-${randomBytes(4).toString('hex')}`,
      protocolVersion: 4,
      connectTimeout: 15_000,
      // A refused publish closes the connection: count it as failed instead of reconnecting.
      reconnectPeriod: 0,
    }),
  );
  return {
    target: `MQTT ${brokerUrl} (devices/<urn>/up, QoS 1)`,
    async send(i, body) {
      const client = clients[i]!;
      if (!client.connected) return { ok: false, label: 'disconnected' };
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<SendOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, label: 'no PUBACK' }), PUBACK_TIMEOUT_MS);
      });
      try {
        return await Promise.race([
          client
            .publishAsync(`devices/${devices[i]!.urn}/up`, body, { qos: 1 })
            .then((): SendOutcome => ({ ok: true, label: 'PUBACK' })),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.endAsync(true).catch(() => {})));
    },
  };
}
