/**
 * A typed client for the relay's HTTP API in tests. Answers are validated with the shared
 * schemas (src/lib/domain/access/api-schemas.ts), so a drift from the contract fails here.
 */
import { z } from 'zod';
import {
  API_PATHS,
  apiErrorSchema,
  authSessionSchema,
  refreshResponseSchema,
  userListResponseSchema,
  userResponseSchema,
  type ApiError
} from '../../src/lib/domain/access/api-schemas';

export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  /** The validated body when the status is 2xx, else undefined. */
  body: T | undefined;
  /** The validated error body when the status is 4xx/5xx. */
  error: ApiError['error'] | undefined;
}

export const DEFAULT_ADMIN = {
  org: 'acme',
  orgName: 'Acme Heating',
  adminEmail: 'ada@acme.test',
  adminName: 'Ada Admin',
  password: 'correct horse battery'
};

export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, schema: z.ZodType<T> | null, body?: unknown, token?: string): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {})
    });
    const text = await res.text();
    if (res.status >= 400) {
      expectJson(res);
      return { status: res.status, headers: res.headers, body: undefined, error: apiErrorSchema.parse(JSON.parse(text)).error };
    }
    if (schema === null) return { status: res.status, headers: res.headers, body: undefined, error: undefined };
    expectJson(res);
    return { status: res.status, headers: res.headers, body: schema.parse(JSON.parse(text)), error: undefined };
  }

  setupStatus() {
    return this.call('GET', API_PATHS.setup, z.object({ needed: z.boolean() }));
  }
  setup(body: unknown = DEFAULT_ADMIN) {
    return this.call('POST', API_PATHS.setup, authSessionSchema, body);
  }
  login(body: unknown) {
    return this.call('POST', API_PATHS.login, authSessionSchema, body);
  }
  refresh(refreshToken: string) {
    return this.call('POST', API_PATHS.refresh, refreshResponseSchema, { refreshToken });
  }
  logout(refreshToken: string) {
    return this.call('POST', API_PATHS.logout, null, { refreshToken });
  }
  listUsers(token: string | undefined) {
    return this.call('GET', API_PATHS.users, userListResponseSchema, undefined, token);
  }
  createUser(token: string | undefined, body: unknown) {
    return this.call('POST', API_PATHS.users, userResponseSchema, body, token);
  }
  updateUser(token: string | undefined, id: string, body: unknown) {
    return this.call('PATCH', API_PATHS.user(id), userResponseSchema, body, token);
  }
  resetPassword(token: string | undefined, id: string, password: string) {
    return this.call('POST', API_PATHS.userPassword(id), null, { password }, token);
  }
}

function expectJson(res: Response): void {
  const type = res.headers.get('content-type') ?? '';
  if (!type.startsWith('application/json')) throw new Error(`expected a JSON answer, got ${type || 'no content type'} (${res.status})`);
}

/** Cheap password hashing for tests (the default, 2^17, costs ~0.5 s per hash). */
export const FAST_ACCOUNTS_ENV = { PASSWORD_SCRYPT_LOG_N: '12' };
