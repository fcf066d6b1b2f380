import { defineContract } from '../shared/contract.ts';
import { CustomerListSchema } from './customers.schemas.ts';

export const customersContract = {
  list: defineContract({
    operationId: 'listCustomers',
    method: 'get',
    path: '/api/customers',
    summary: "The caller's own customer and, for a reseller, its sub-customers",
    tags: ['Customers'],
    auth: 'required',
    status: 200,
    response: CustomerListSchema,
  }),
};
