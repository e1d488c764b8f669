import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiClient } from './api-client';
import { ApiRequestError, endsSession } from './api-error';
import { AccountsApi } from './accounts-api';

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>;

function clientWith(handler: Handler, online = true): { api: AccountsApi; client: ApiClient; calls: Array<{ url: string; init: RequestInit }> } {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const client = new ApiClient({
    baseUrl: 'http://relay.test',
    isOnline: () => online,
    timeoutMs: 200,
    fetch: async (input, init = {}) => {
      calls.push({ url: String(input), init });
      return handler(String(input), init);
    }
  });
  return { api: new AccountsApi(client), client, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

const USER = { id: 'usr_1', org: 'acme', email: 'ana@acme.test', name: 'Ana', role: 'admin', disabled: false, createdAt: '2026-01-01T00:00:00Z' };

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiRequestError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('ApiClient', () => {
  it('sends JSON with the bearer token and returns the validated answer', async () => {
    const { api, calls } = clientWith(() => json(200, { users: [USER] }));
    await expect(api.listUsers('tok')).resolves.toEqual([USER]);
    expect(calls[0]?.url).toBe('http://relay.test/api/users');
    expect(new Headers(calls[0]?.init.headers).get('authorization')).toBe('Bearer tok');
  });

  it('turns an error body into a typed error with its code, fields and Retry-After', async () => {
    const { api } = clientWith(() =>
      json(429, { error: { code: 'rate_limited', message: 'too many', fields: { email: 'slow down' } } }, { 'retry-after': '42' })
    );
    const error = await failure(api.login({ org: 'acme', email: 'a@acme.test', password: 'x' }));
    expect(error.kind).toBe('http');
    expect(error.status).toBe(429);
    expect(error.is('rate_limited')).toBe(true);
    expect(error.fields).toEqual({ email: 'slow down' });
    expect(error.retryAfterSeconds).toBe(42);
  });

  it('rejects a 2xx answer that does not match the contract instead of trusting it', async () => {
    const { api } = clientWith(() => json(200, { accessToken: 'a' }));
    const error = await failure(api.refresh('r'));
    expect(error.kind).toBe('bad_response');
  });

  it('reports an HTML error page from a proxy as an http error without a body code', async () => {
    const { api } = clientWith(() => new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await failure(api.setupStatus());
    expect(error.kind).toBe('http');
    expect(error.status).toBe(502);
    expect(error.code).toBe('unavailable');
  });

  it('does not send anything while the browser is offline', async () => {
    const { api, calls } = clientWith(() => json(200, { needed: false }), false);
    const error = await failure(api.setupStatus());
    expect(error.kind).toBe('offline');
    expect(error.unreachable).toBe(true);
    expect(calls).toHaveLength(0);
  });

  it('calls a failed fetch a network error and a slow answer a timeout', async () => {
    const down = clientWith(() => Promise.reject(new TypeError('Failed to fetch')));
    expect((await failure(down.api.setupStatus())).kind).toBe('network');
    const slow = clientWith(
      (_url, init) =>
        new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
    );
    expect((await failure(slow.api.setupStatus())).kind).toBe('timeout');
  });

  it('accepts an empty 204 answer where no body is expected', async () => {
    const { api } = clientWith(() => new Response(null, { status: 204 }));
    await expect(api.logout('r')).resolves.toBeUndefined();
  });

  it('validates with the schema it is given', async () => {
    const { client } = clientWith(() => json(200, { n: 'x' }));
    const error = await failure(client.request('GET', '/api/x', z.object({ n: z.number() })));
    expect(error.kind).toBe('bad_response');
  });
});

describe('endsSession', () => {
  it('is true only for 401/403 answers, never for network trouble', () => {
    expect(endsSession(new ApiRequestError({ kind: 'http', status: 401, code: 'invalid_refresh_token', message: '' }))).toBe(true);
    expect(endsSession(new ApiRequestError({ kind: 'http', status: 401, code: 'user_disabled', message: '' }))).toBe(true);
    expect(endsSession(new ApiRequestError({ kind: 'http', status: 503, code: 'unavailable', message: '' }))).toBe(false);
    expect(endsSession(new ApiRequestError({ kind: 'network', message: '' }))).toBe(false);
    expect(endsSession(new Error('x'))).toBe(false);
  });
});
