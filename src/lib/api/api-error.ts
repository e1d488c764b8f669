/**
 * Typed failures of the HTTP API, as the browser sees them. Every call to the API either
 * resolves with a validated body or rejects with an `ApiRequestError` carrying one of these
 * kinds, so callers branch on reasons, never on message text.
 */
import type { ApiErrorCode } from '../domain/access/api-schemas';

export type ApiErrorKind =
  /** The browser says it has no network; the request was not sent. */
  | 'offline'
  /** The request failed on the way (server down, DNS, connection reset). */
  | 'network'
  /** No answer within the client's deadline. */
  | 'timeout'
  /** The server answered 4xx/5xx (see `status`, `code`, `fields`). */
  | 'http'
  /** The server answered 2xx with a body that does not match the contract. */
  | 'bad_response';

export interface ApiRequestErrorInit {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  /** An `ApiErrorCode`; any other string from a newer server is kept as it is. */
  code?: string;
  fields?: Record<string, string>;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class ApiRequestError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  /** Per-field messages from a 400 answer, keyed by the request's dotted field path. */
  readonly fields: Readonly<Record<string, string>>;
  readonly retryAfterSeconds: number | null;

  constructor(init: ApiRequestErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiRequestError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.code = init.code ?? null;
    this.fields = init.fields ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** True for the server's error code `code`. */
  is(code: ApiErrorCode): boolean {
    return this.kind === 'http' && this.code === code;
  }

  /** The request never got an answer (offline, network, timeout): worth retrying later. */
  get unreachable(): boolean {
    return this.kind === 'offline' || this.kind === 'network' || this.kind === 'timeout';
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

/**
 * A refresh answered this way means the login is over (revoked, expired, reused, user
 * disabled or deleted): the device must sign in again. Anything else is transient.
 */
export function endsSession(error: unknown): boolean {
  return isApiRequestError(error) && error.kind === 'http' && (error.status === 401 || error.status === 403);
}
