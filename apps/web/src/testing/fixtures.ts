import type { Device, DeviceType, Project } from '@openthings/domain';

export function aProject(overrides: Partial<Project> = {}): Project {
  return {
    id: 'f1d91165-41b3-4387-b01d-faa3f7207d71',
    name: 'My first project',
    description: '',
    subscription: 'Freemium',
    expiresAt: null,
    limits: {
      devices: 5,
      devicesPerNetworkType: { LORA: 3, M2M: 2, INTERNET: null },
      flows: 3,
      destinations: 3,
      allowedNetworkTypes: null,
      allowedDeviceTypeIds: null,
    },
    usage: { flows: 1, devices: 0, devicesPerNetworkType: { LORA: 0, M2M: 0, INTERNET: 0 }, destinations: 0 },
    createdAt: '2026-01-15T09:30:00.000Z',
    modifiedAt: '2026-01-15T09:30:00.000Z',
    ...overrides,
  };
}

export function aDevice(overrides: Partial<Device> = {}): Device {
  return {
    id: '0440d3dc-f9a6-49cb-ba83-14787887f08e',
    name: 'Truck 001',
    description: '',
    barcode: null,
    deviceType: { id: 'own-m2m', name: 'Own M2M device', managed: false },
    project: { id: 'f1d91165-41b3-4387-b01d-faa3f7207d71', name: 'Fleet demo' },
    enabled: true,
    processingStatus: 'INVENTORY',
    networkType: null,
    primaryIdentifier: null,
    urn: null,
    flowCount: 0,
    flowNames: [],
    lastMessageAt: null,
    createdAt: '2026-01-15T09:30:00.000Z',
    modifiedAt: '2026-01-15T09:30:00.000Z',
    ...overrides,
  };
}

export function aDeviceType(overrides: Partial<DeviceType> = {}): DeviceType {
  return {
    id: 'own-m2m',
    name: 'Own M2M device',
    description: 'Your own cellular device.',
    managed: false,
    own: false,
    networkTypes: ['M2M'],
    loraProvisioning: null,
    battery: null,
    ...overrides,
  };
}
