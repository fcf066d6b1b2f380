import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Contract } from '../shared/contract.ts';
import {
  DeadLetterListQuerySchema,
  DeadLetterReplaySinceSchema,
  DeliveryAttemptListQuerySchema,
  INBOX_SIZE,
  InboxSchema,
} from './deliveries.schemas.ts';
import { destinationsContract } from './destinations.contract.ts';

describe('destinationsContract', () => {
  it('has the operations of PRODUCT §6 at their paths, statuses and actions', () => {
    const table = Object.fromEntries(
      Object.entries(destinationsContract).map(([name, c]) => [
        name,
        `${c.method.toUpperCase()} ${c.path} ${c.status} ${c.action}`,
      ]),
    );
    expect(table).toEqual({
      list: 'GET /api/destinations 200 destinations:read',
      get: 'GET /api/destinations/{id} 200 destinations:read',
      create: 'POST /api/destinations 201 destinations:write',
      update: 'PATCH /api/destinations/{id} 200 destinations:write',
      remove: 'DELETE /api/destinations/{id} 204 destinations:delete',
      activate: 'POST /api/destinations/{id}/activate 200 destinations:write',
      testConnection: 'POST /api/destinations/{id}/test-connection 200 destinations:write',
      link: 'POST /api/device-groups/{id}/destinations/{destinationId} 204 flows:write',
      unlink: 'DELETE /api/device-groups/{id}/destinations/{destinationId} 204 flows:write',
      attempts: 'GET /api/destinations/{id}/attempts 200 destinations:read',
      deadLetters: 'GET /api/destinations/{id}/dead-letters 200 destinations:read',
      replay: 'POST /api/destinations/{id}/dead-letters/{deliveryId}/replay 202 destinations:write',
      replaySince: 'POST /api/destinations/{id}/dead-letters/replay 202 destinations:write',
      inbox: 'GET /api/destinations/{id}/inbox 200 destinations:read',
    });
  });

  it('names every path parameter in its params schema', () => {
    for (const c of Object.values(destinationsContract) as Contract[]) {
      const names = [...c.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const shape = c.params instanceof z.ZodObject ? Object.keys(c.params.shape) : [];
      expect(shape.sort(), c.operationId).toEqual(names.sort());
    }
  });

  it('converts every schema to JSON Schema for the OpenAPI document', () => {
    for (const c of Object.values(destinationsContract) as Contract[]) {
      for (const schema of [c.params, c.query, c.body].filter((s) => s !== undefined)) {
        expect(
          () => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
          c.operationId,
        ).not.toThrow();
      }
      expect(
        () => z.toJSONSchema(c.response, { io: 'output', unrepresentable: 'any' }),
        c.operationId,
      ).not.toThrow();
    }
  });

  it('gives response schemas their component names', () => {
    const id = (schema: z.ZodType) => z.globalRegistry.get(schema)?.id;
    expect(id(destinationsContract.get.response)).toBe('Destination');
    expect(id(destinationsContract.create.response)).toBe('DestinationCreated');
    expect(id(destinationsContract.list.response)).toBe('DestinationPage');
    expect(id(destinationsContract.attempts.response)).toBe('DeliveryAttemptPage');
    expect(id(destinationsContract.deadLetters.response)).toBe('DeadLetterPage');
    expect(id(destinationsContract.replay.response)).toBe('DeadLetterReplayResult');
    expect(id(destinationsContract.inbox.response)).toBe('TestEndpointInbox');
  });
});

describe('delivery log and dead letter queries', () => {
  it('lists attempts newest first, optionally of one delivery and within a time window', () => {
    const query = DeliveryAttemptListQuerySchema.parse({
      deliveryId: '6f2c1a9e-3b7d-4c5e-8f90-123456789abc',
      since: '2026-03-01T00:00:00Z',
    });
    expect(query.sort).toEqual([{ field: 'at', desc: true }]);
    expect(query.since).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(DeliveryAttemptListQuerySchema.safeParse({ sort: 'status' }).success).toBe(false);
    expect(DeliveryAttemptListQuerySchema.safeParse({ since: 'yesterday' }).success).toBe(false);
  });

  it('has no project filter on per-destination tables', () => {
    expect('projectId' in DeliveryAttemptListQuerySchema.shape).toBe(false);
    expect('projectId' in DeadLetterListQuerySchema.shape).toBe(false);
  });

  it('lists dead letters by when they were given up, newest first', () => {
    expect(DeadLetterListQuerySchema.parse({}).sort).toEqual([{ field: 'deadAt', desc: true }]);
  });

  it('replays everything since an ISO date-time, nothing else', () => {
    expect(DeadLetterReplaySinceSchema.parse({ since: '2026-03-01T12:00:00+01:00' })).toEqual({
      since: new Date('2026-03-01T11:00:00Z'),
    });
    expect(DeadLetterReplaySinceSchema.safeParse({}).success).toBe(false);
    expect(DeadLetterReplaySinceSchema.safeParse({ since: '2026-03-01' }).success).toBe(false);
    expect(DeadLetterReplaySinceSchema.safeParse({ since: '2026-03-01T12:00:00Z', until: 'x' }).success).toBe(
      false,
    );
  });

  it('holds at most the last 100 requests in the inbox', () => {
    expect(INBOX_SIZE).toBe(100);
    const request = (id: number) => ({ id, receivedAt: '2026-03-01T12:00:00Z', headers: {}, body: '[]' });
    expect(InboxSchema.safeParse({ data: Array.from({ length: 100 }, (_, i) => request(i)) }).success).toBe(
      true,
    );
    expect(InboxSchema.safeParse({ data: Array.from({ length: 101 }, (_, i) => request(i)) }).success).toBe(
      false,
    );
  });
});
