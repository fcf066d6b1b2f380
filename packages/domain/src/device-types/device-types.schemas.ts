import { z } from 'zod';
import { NetworkTypeSchema } from '../shared/network.ts';

export const BatterySchema = z.enum(['3.0V', '3.6V', '3.7V-LiPo']);
export type Battery = z.infer<typeof BatterySchema>;

export const DeviceTypeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    managed: z
      .boolean()
      .describe('Bought from the operator (🔒): cannot be added or deleted by the customer'),
    own: z.boolean().describe("A customer's own type (Things Creator)"),
    networkTypes: z.array(NetworkTypeSchema),
    loraProvisioning: z
      .enum(['generated', 'provided'])
      .nullable()
      .describe('LoRa: `generated` = the platform creates DevEUI/AppEUI/AppKey (programmable devices)'),
    battery: BatterySchema.nullable(),
  })
  .meta({ id: 'DeviceType' });
export type DeviceType = z.infer<typeof DeviceTypeSchema>;

export const DeviceTypeListSchema = z.object({ data: z.array(DeviceTypeSchema) });
export const DeviceTypeParamsSchema = z.object({ id: z.string().min(1).max(100) });

type CatalogueEntry = Omit<DeviceType, 'own'>;

/**
 * The platform's device type catalogue (seeded at start-up; ids are stable). Managed types are sold
 * by the operator and locked for customers; supported types are brought by the customer.
 */
export const DEVICE_TYPE_CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'generic-lora-programmable',
    name: 'Generic LoRa device (programmable)',
    description:
      'Your own LoRaWAN device; the platform generates DevEUI, AppEUI and AppKey for you to program.',
    managed: false,
    networkTypes: ['LORA'],
    loraProvisioning: 'generated',
    battery: null,
  },
  {
    id: 'generic-lora-preset',
    name: 'Generic LoRa device (preset connectivity)',
    description: 'Your own LoRaWAN device with DevEUI, AppEUI and AppKey set by its maker.',
    managed: false,
    networkTypes: ['LORA'],
    loraProvisioning: 'provided',
    battery: null,
  },
  {
    id: 'own-m2m',
    name: 'Own M2M device',
    description: 'Your own cellular device with a SIM of this account, sending SenML over HTTPS.',
    managed: false,
    networkTypes: ['M2M'],
    loraProvisioning: null,
    battery: null,
  },
  {
    id: 'generic-internet',
    name: 'Generic device (Internet connected)',
    description: 'Any device or service that posts SenML over the internet, identified by its DvnUUID.',
    managed: false,
    networkTypes: ['INTERNET'],
    loraProvisioning: null,
    battery: null,
  },
  {
    id: 'device-simulator',
    name: 'Device simulator (web app)',
    description: 'Your phone or laptop as a device: send location, battery and temperature from the browser.',
    managed: false,
    networkTypes: ['INTERNET'],
    loraProvisioning: null,
    battery: null,
  },
  {
    id: 'elsys-ers',
    name: 'Elsys ERS',
    description: 'Indoor climate sensor: temperature, humidity, light, motion, CO₂ (ERS CO2).',
    managed: false,
    networkTypes: ['LORA'],
    loraProvisioning: 'provided',
    battery: '3.6V',
  },
  {
    id: 'things-m2m-gps-tracker',
    name: 'Things M2M GPS tracker',
    description: 'Push-button GPS tracker on M2M with a rechargeable battery.',
    managed: true,
    networkTypes: ['M2M'],
    loraProvisioning: null,
    battery: '3.7V-LiPo',
  },
  {
    id: 'things-lora-tracker',
    name: 'Things LoRa tracker',
    description: 'LoRa asset tracker with GPS and network geolocation.',
    managed: true,
    networkTypes: ['LORA'],
    loraProvisioning: 'provided',
    battery: '3.6V',
  },
  {
    id: 'things-filltag',
    name: 'Things FillTag II',
    description: 'Fill-level sensor for waste containers: distance and incidents over LoRa.',
    managed: true,
    networkTypes: ['LORA'],
    loraProvisioning: 'provided',
    battery: '3.6V',
  },
  {
    id: 'things-climate-sensor',
    name: 'Things climate sensor',
    description: 'Temperature and humidity sensor on LoRa.',
    managed: true,
    networkTypes: ['LORA'],
    loraProvisioning: 'provided',
    battery: '3.0V',
  },
];
