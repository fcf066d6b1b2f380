/**
 * How the simulator's devices reach OpenThings: HTTP SenML (signed with the shared secret), the
 * built-in MQTT broker (one connection per device, QoS 1: the PUBACK comes once the uplink is stored)
 * or a LoRa network server's webhook (ChirpStack v4 `up` events carrying Elsys ERS payloads).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import type { InternetDevice, LoraDevice } from './api-client.ts';
import { mapLimit } from './api-client.ts';
import {
  createPoster,
  elsysPayload,
  messageToken,
  type Reading,
  type SendOutcome,
  senmlPack,
} from './load.ts';

export interface Transport {
  /** Where the uplinks go, for the log. */
  target: string;
  /** Sends one reading of device `deviceIndex`, taken now. */
  send(deviceIndex: number, reading: Reading): Promise<SendOutcome>;
  close(): Promise<void>;
}

export const HTTP_SENML_PATH = '/ingestion/ip/senml/v1';

export function httpTransport(baseUrl: string, devices: InternetDevice[], connections: number): Transport {
  const poster = createPoster(baseUrl, connections);
  return {
    target: `HTTP ${baseUrl.replace(/\/+$/, '')}${HTTP_SENML_PATH}`,
    async send(i, reading) {
      const device = devices[i]!;
      const body = senmlPack(device.urn, reading, Date.now());
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
    async send(i, reading) {
      const client = clients[i]!;
      const body = senmlPack(devices[i]!.urn, reading, Date.now());
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

/**
 * A ChirpStack v4 HTTP integration posting `up` events for the devices (`Authorization: Bearer
 * <integration secret>`), as a network server would after hearing them through one or two gateways.
 */
export function chirpstackTransport(
  baseUrl: string,
  integration: { id: string; secret: string },
  devices: LoraDevice[],
  connections: number,
): Transport {
  const poster = createPoster(baseUrl, connections);
  const path = `/ingestion/lora/chirpstack/v1/${integration.id}?event=up`;
  const fCnts = devices.map(() => Math.floor(Math.random() * 1000));
  const application = { tenantId: randomUUID(), applicationId: randomUUID(), deviceProfileId: randomUUID() };
  const gateways = [
    { gatewayId: '0016c001ff10a235', latitude: 52.3702, longitude: 4.8952 },
    { gatewayId: '0016c001ff10b871', latitude: 52.3791, longitude: 4.9003 },
  ];
  return {
    target: `ChirpStack webhook ${baseUrl.replace(/\/+$/, '')}${path.split('?')[0]} (Elsys ERS payloads)`,
    async send(i, reading) {
      const device = devices[i]!;
      const fCnt = fCnts[i]!++;
      const heard = gateways.slice(0, 1 + (fCnt % 2));
      const event = {
        deduplicationId: randomUUID(),
        time: new Date().toISOString(),
        deviceInfo: {
          ...application,
          tenantName: 'Simulator',
          applicationName: 'OpenThings simulator',
          deviceProfileName: 'Elsys ERS',
          deviceName: device.name,
          devEui: device.devEui.toLowerCase(),
          deviceClassEnabled: 'CLASS_A',
          tags: {},
        },
        devAddr: device.devEui.slice(-8).toLowerCase(),
        adr: true,
        dr: 5,
        fCnt,
        fPort: 5,
        confirmed: false,
        data: elsysPayload(reading).toString('base64'),
        rxInfo: heard.map((g, k) => ({
          gatewayId: g.gatewayId,
          uplinkId: Math.floor(Math.random() * 2 ** 31),
          rssi: -60 - k * 15 - Math.round(Math.random() * 20),
          snr: Math.round((9 - k * 4 - Math.random() * 5) * 10) / 10,
          channel: fCnt % 8,
          location: { latitude: g.latitude, longitude: g.longitude },
          crcStatus: 'CRC_OK',
        })),
        txInfo: {
          frequency: 868_100_000 + (fCnt % 8) * 200_000,
          modulation: { lora: { bandwidth: 125_000, spreadingFactor: 7, codeRate: 'CR_4_5' } },
        },
      };
      const answer = await poster.post(
        path,
        { 'content-type': 'application/json', authorization: `Bearer ${integration.secret}` },
        JSON.stringify(event),
      );
      return { ok: answer.status >= 200 && answer.status < 300, label: String(answer.status) };
    },
    async close() {
      poster.close();
    },
  };
}
