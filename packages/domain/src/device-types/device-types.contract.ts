import { defineContract } from '../shared/contract.ts';
import { DeviceTypeListSchema, DeviceTypeParamsSchema, DeviceTypeSchema } from './device-types.schemas.ts';

export const deviceTypesContract = {
  list: defineContract({
    operationId: 'listDeviceTypes',
    method: 'get',
    path: '/api/device-types',
    summary: 'Device types: the platform catalogue and your own types',
    tags: ['Device types'],
    auth: 'required',
    status: 200,
    response: DeviceTypeListSchema,
  }),
  get: defineContract({
    operationId: 'getDeviceType',
    method: 'get',
    path: '/api/device-types/{id}',
    summary: 'Get a device type',
    tags: ['Device types'],
    auth: 'required',
    params: DeviceTypeParamsSchema,
    status: 200,
    response: DeviceTypeSchema,
  }),
};
