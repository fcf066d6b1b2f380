import { contracts } from '@openthings/domain';
import { describe, expect, it } from 'vitest';
import { problem, stubFetch } from '../testing/render.tsx';
import { setActingCustomer } from './acting-customer.ts';
import { ApiError, callApi, cursorFromLink } from './api.ts';
import { errorMessage } from './error-messages.ts';

function headersOf(init: RequestInit | undefined): Record<string, string> {
  return (init?.headers ?? {}) as Record<string, string>;
}

const projectId = '3727fa9d-1d15-48f9-a747-1f9832d14bdd';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('callApi', () => {
  it('fills the contract path and sends the query with the session cookie', async () => {
    const fetchMock = stubFetch(() => ({
      status: 200,
      body: { data: [], links: { next: null, prev: null } },
    }));
    await callApi(contracts.projects.list, {
      query: { sort: '-name', limit: 25, cursor: undefined, includeTotal: 'true' },
    });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/projects?sort=-name&limit=25&includeTotal=true');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(init?.body).toBeUndefined();
  });

  it('sends a JSON body with the contract method to the filled path', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: { id: projectId } }));
    await callApi(contracts.projects.update, { params: { id: projectId }, body: { name: 'Greenhouse' } });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/projects/${projectId}`);
    expect(init?.method).toBe('PATCH');
    expect(init?.body).toBe('{"name":"Greenhouse"}');
    expect(headersOf(init)['Content-Type']).toBe('application/json');
  });

  it('reads a download as text, asking for its media type', async () => {
    const csv = 'row,name,deviceId,imei,sharedSecret\r\n2,Tracker A,d-1,357292748642776,Xk4#pR7@\r\n';
    const fetchMock = stubFetch(() => ({ status: 200, body: csv, contentType: 'text/csv; charset=utf-8' }));
    const text = await callApi(contracts.bulk.secrets, { params: { id: projectId } });
    expect(text).toBe(csv);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`/api/devices/bulk-reports/${projectId}/secrets`);
    expect(init?.method).toBe('POST');
    expect(headersOf(init).Accept).toBe('text/csv, application/problem+json');
  });

  it('sends a file as it is, with its own content type', async () => {
    const fetchMock = stubFetch(() => ({
      status: 200,
      body: { columns: [], rows: [], validRows: 0, invalidRows: 0 },
    }));
    const bytes = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0xe9]).buffer;
    await callApi(contracts.bulk.validate, {
      query: { deviceTypeId: 'own-m2m', projectId },
      raw: { body: bytes, contentType: 'text/csv' },
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe(`/api/devices/bulk/validate?deviceTypeId=own-m2m&projectId=${projectId}`);
    expect(headersOf(init)['Content-Type']).toBe('text/csv');
    expect(init?.body).toBe(bytes);
  });

  it('acts for the chosen customer with X-Customer-Context, and only then', async () => {
    const fetchMock = stubFetch(() => ({ status: 200, body: { data: [] } }));
    await callApi(contracts.customers.list);
    expect(headersOf(fetchMock.mock.calls[0]![1])['X-Customer-Context']).toBeUndefined();

    setActingCustomer('6a0e2b9c-3f41-4d7e-9a55-0c1f6f1f2a11');
    await callApi(contracts.customers.list);
    expect(headersOf(fetchMock.mock.calls[1]![1])['X-Customer-Context']).toBe(
      '6a0e2b9c-3f41-4d7e-9a55-0c1f6f1f2a11',
    );
  });

  it('resolves null for 204 answers', async () => {
    stubFetch(() => ({ status: 204 }));
    await expect(callApi(contracts.auth.logout)).resolves.toBeNull();
  });

  it('throws an ApiError carrying the problem+json, field errors included', async () => {
    stubFetch(() =>
      problem(400, 'request.invalid', 'The request is not valid', {
        requestId: 'req-1',
        errors: { 'body.name': ['Enter a name'], 'query.limit': ['limit must be at most 500'] },
      }),
    );
    const error = await rejection(
      callApi(contracts.projects.update, { params: { id: projectId }, body: { name: '' } }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('request.invalid');
    expect(error.requestId).toBe('req-1');
    expect(error.errors['body.name']).toEqual(['Enter a name']);
    expect(error.fieldErrors('body')).toEqual({ name: 'Enter a name' });
    expect(error.fieldErrors('query')).toEqual({ limit: 'limit must be at most 500' });
  });

  it('keeps the detail of a problem', async () => {
    stubFetch(() =>
      problem(401, 'auth.invalid_credentials', 'Incorrect email address or password', {
        detail: 'Try again',
      }),
    );
    const error = await rejection(
      callApi(contracts.auth.login, { body: { email: 'a@b.example', password: 'x' } }),
    );
    expect(error.code).toBe('auth.invalid_credentials');
    expect(error.detail).toBe('Try again');
    expect(errorMessage(error)).toBe('Incorrect email address or password');
  });

  it('gives a code to error answers that are not problem+json', async () => {
    stubFetch(() => ({ status: 502, body: '<html>Bad gateway</html>', contentType: 'text/html' }));
    const error = await rejection(callApi(contracts.auth.me));
    expect(error.status).toBe(502);
    expect(error.code).toBe('internal');
    expect(errorMessage(error)).toBe('Something went wrong on our side. Try again in a moment.');
  });

  it('turns a failed connection into network.unreachable', async () => {
    stubFetch(() => {
      throw new TypeError('Failed to fetch');
    });
    const error = await rejection(callApi(contracts.auth.me));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network.unreachable');
    expect(errorMessage(error)).toMatch(/could not be reached/);
  });
});

describe('errorMessage', () => {
  it('adds the request id to server errors so users can quote it', () => {
    const error = new ApiError({ status: 500, code: 'internal', title: 'x', requestId: 'abc-123' });
    expect(errorMessage(error)).toBe(
      'Something went wrong on our side. Try again in a moment. (reference abc-123)',
    );
  });

  it('falls back to the server title for codes it has no sentence for', () => {
    const error = new ApiError({ status: 409, code: 'devices.some_new_reason', title: 'A new rule' });
    expect(errorMessage(error)).toBe('A new rule');
  });
});

describe('cursorFromLink', () => {
  it('reads the cursor of a page link', () => {
    expect(cursorFromLink('/api/projects?limit=1&cursor=WyJuYW1lIl0')).toBe('WyJuYW1lIl0');
    expect(cursorFromLink(null)).toBeUndefined();
    expect(cursorFromLink('/api/projects?limit=1')).toBeUndefined();
  });
});
