/**
 * A small typed fetch client for the relay's HTTP API: JSON in, schema-validated JSON out,
 * and one error type (`ApiRequestError`) for every way a call can fail.
 */
import type { z } from 'zod';
import { apiErrorSchema } from '../domain/access/api-schemas';
import { ApiRequestError } from './api-error';

export interface ApiClientOptions {
  /** Default: same origin (the relay serves the app and the API). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Default 15 s: long enough for scrypt on a busy server, short enough to tell the user. */
  timeoutMs?: number;
  /** Default: `navigator.onLine`. */
  isOnline?: () => boolean;
}

export interface RequestOptions {
  body?: unknown;
  /** Access token sent as `Authorization: Bearer …`. */
  token?: string | null;
  signal?: AbortSignal;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

const DEFAULT_TIMEOUT_MS = 15_000;

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;
  readonly #isOnline: () => boolean;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = options.baseUrl ?? '';
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#isOnline = options.isOnline ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  }

  /**
   * Sends one request. Resolves with the body validated by `schema` (`undefined` when
   * `schema` is null, for 204 answers); rejects with an `ApiRequestError`.
   */
  async request<T>(method: HttpMethod, path: string, schema: z.ZodType<T>, options?: RequestOptions): Promise<T>;
  async request(method: HttpMethod, path: string, schema: null, options?: RequestOptions): Promise<undefined>;
  async request<T>(method: HttpMethod, path: string, schema: z.ZodType<T> | null, options: RequestOptions = {}): Promise<T | undefined> {
    if (!this.#isOnline()) {
      throw new ApiRequestError({ kind: 'offline', message: 'the browser is offline' });
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

    let response: Response;
    try {
      response = await this.#fetch(`${this.#baseUrl}${path}`, {
        method,
        headers,
        cache: 'no-store',
        credentials: 'same-origin',
        signal,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {})
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (timeout.aborted) throw new ApiRequestError({ kind: 'timeout', message: `no answer within ${this.#timeoutMs / 1000} s`, cause: error });
      throw new ApiRequestError({ kind: 'network', message: 'the server could not be reached', cause: error });
    }

    if (!response.ok) throw await failureOf(response);
    if (schema === null) return undefined;
    const parsed = schema.safeParse(await readJson(response));
    if (!parsed.success) {
      throw new ApiRequestError({
        kind: 'bad_response',
        status: response.status,
        message: `unexpected answer from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid body'}`,
        cause: parsed.error
      });
    }
    return parsed.data;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

async function failureOf(response: Response): Promise<ApiRequestError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const parsed = apiErrorSchema.safeParse(await readJson(response));
  if (!parsed.success) {
    // A proxy's HTML error page, or an older server without this API.
    return new ApiRequestError({
      kind: 'http',
      status: response.status,
      code: response.status >= 500 ? 'unavailable' : 'unknown',
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {})
    });
  }
  const { code, message, fields } = parsed.data.error;
  return new ApiRequestError({
    kind: 'http',
    status: response.status,
    code,
    message,
    ...(fields ? { fields } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {})
  });
}
