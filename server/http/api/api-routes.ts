/**
 * `/api/*`: setup, sign-in and user administration (contract: src/lib/domain/access/
 * api-schemas.ts and server/README.md). Bodies are validated with the shared schemas;
 * every failure is a JSON error body with a 4xx status.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import {
  API_PATHS,
  createUserRequestSchema,
  loginRequestSchema,
  logoutRequestSchema,
  passwordResetRequestSchema,
  refreshRequestSchema,
  setupRequestSchema,
  updateUserRequestSchema
} from '../../../src/lib/domain/access/api-schemas';
import type { Role } from '../../../src/lib/domain/access/roles';
import { LINKS_API_PATH } from '../../../src/lib/domain/quotes/document-link';
import type { AccountService } from '../../accounts/account-service';
import { LimiterSet, type AttemptLimiter } from '../../accounts/attempt-limiter';
import { HashQueueFull } from '../../accounts/passwords';
import { verifyToken } from '../../auth/tokens';
import type { ClientIpOf } from '../client-ip';
import { ApiFailure, bearerToken, decodePathParam, readBody, sendFailure, sendJson, sendNoContent } from './json-io';

export interface ApiDeps {
  accounts: AccountService;
  /** Sign-in throttles: per (IP, org, email), per IP, per org. All must allow an attempt. */
  loginLimiters: { account: AttemptLimiter; ip: AttemptLimiter; org: AttemptLimiter };
  /** The client's address (TRUST_PROXY-aware, http/client-ip.ts). */
  clientIp: ClientIpOf;
  secret: Uint8Array;
  log: Logger;
  /** Extra admin routes (export, history); `adminId` is the caller. Return false when the path is not theirs. */
  adminRoutes?: (req: IncomingMessage, res: ServerResponse, pathname: string, org: string, adminId: string) => Promise<boolean>;
  /** The blob store (`/api/blobs/…`), given the authenticated caller. */
  blobRoutes?: (req: IncomingMessage, res: ServerResponse, pathname: string, caller: { org: string; sub: string; role: Role }) => Promise<void>;
  /** `/api/links` and below: customer links minted, listed and revoked by the authenticated caller (server/links/link-routes.ts). */
  linkRoutes?: (req: IncomingMessage, res: ServerResponse, pathname: string, caller: { org: string; sub: string; role: Role; name: string }) => Promise<void>;
  /** `/api/orgs/<org>/board…`: board generations (board-routes.ts), given the authenticated caller; false when the path is not theirs. */
  boardRoutes?: (req: IncomingMessage, res: ServerResponse, pathname: string, caller: { org: string; sub: string; role: Role }) => Promise<boolean>;
  /** Routes open to anyone (the public request form); return false when the path is not theirs. */
  publicRoutes?: (req: IncomingMessage, res: ServerResponse, pathname: string) => Promise<boolean>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, params: string[]) => Promise<void>;
interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

export class ApiRoutes {
  readonly #routes: Route[];

  constructor(private readonly deps: ApiDeps) {
    const { accounts } = deps;
    this.#routes = [
      {
        pattern: exact(API_PATHS.setup),
        methods: {
          GET: async (_req, res) => sendJson(res, 200, { needed: await accounts.setupNeeded() }),
          POST: async (req, res) => sendJson(res, 201, await accounts.setup(await readBody(req, setupRequestSchema)))
        }
      },
      { pattern: exact(API_PATHS.login), methods: { POST: (req, res) => this.#login(req, res) } },
      {
        pattern: exact(API_PATHS.refresh),
        methods: {
          POST: async (req, res) => sendJson(res, 200, await accounts.refresh((await readBody(req, refreshRequestSchema)).refreshToken))
        }
      },
      {
        // The same checks as a websocket upgrade, answered as JSON the browser can read.
        pattern: exact(API_PATHS.session),
        methods: {
          GET: async (req, res) => {
            const { org, sub, role } = await this.#principal(req);
            sendJson(res, 200, { org, sub, role });
          }
        }
      },
      {
        pattern: exact(API_PATHS.logout),
        methods: {
          POST: async (req, res) => {
            await accounts.logout((await readBody(req, logoutRequestSchema)).refreshToken);
            sendNoContent(res);
          }
        }
      },
      {
        pattern: exact(API_PATHS.users),
        methods: {
          GET: async (req, res) => sendJson(res, 200, { users: await accounts.listUsers((await this.#admin(req)).org) }),
          POST: async (req, res) => {
            const { org } = await this.#admin(req);
            sendJson(res, 201, { user: await accounts.createUser(org, await readBody(req, createUserRequestSchema)) });
          }
        }
      },
      {
        pattern: /^\/api\/users\/([^/]+)$/,
        methods: {
          PATCH: async (req, res, [id]) => {
            const { org } = await this.#admin(req);
            sendJson(res, 200, { user: await accounts.updateUser(org, id as string, await readBody(req, updateUserRequestSchema)) });
          }
        }
      },
      {
        pattern: /^\/api\/users\/([^/]+)\/password$/,
        methods: {
          POST: async (req, res, [id]) => {
            const { org } = await this.#admin(req);
            await accounts.resetPassword(org, id as string, (await readBody(req, passwordResetRequestSchema)).password);
            sendNoContent(res);
          }
        }
      }
    ];
  }

  /** Answers any request under /api. Never throws. */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    try {
      await this.#dispatch(req, res, pathname);
    } catch (caught) {
      const error = caught instanceof HashQueueFull ? busy(caught) : caught;
      if (!(error instanceof ApiFailure)) throw error;
      if (error.status === 401 || error.status === 403 || error.status === 429) {
        this.deps.log.info({ path: pathname, code: error.code, remote: this.deps.clientIp(req) }, 'api request refused');
      }
      if (!res.headersSent) sendFailure(res, error);
    }
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const method = req.method ?? 'GET';
    for (const route of this.#routes) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const handler = route.methods[method];
      if (!handler) {
        throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed here`, undefined, {
          Allow: Object.keys(route.methods).join(', ')
        });
      }
      const params = match.slice(1).map(decodePathParam);
      return handler(req, res, params);
    }
    if (this.deps.blobRoutes && pathname.startsWith('/api/blobs/')) {
      return this.deps.blobRoutes(req, res, pathname, await this.#principal(req));
    }
    if (this.deps.linkRoutes && (pathname === LINKS_API_PATH || pathname.startsWith(`${LINKS_API_PATH}/`))) {
      return this.deps.linkRoutes(req, res, pathname, await this.#principal(req));
    }
    if (this.deps.boardRoutes && pathname.startsWith('/api/orgs/')) {
      if (await this.deps.boardRoutes(req, res, pathname, await this.#principal(req))) return;
    }
    if (this.deps.publicRoutes && pathname.startsWith('/api/public/')) {
      if (await this.deps.publicRoutes(req, res, pathname)) return;
    }
    if (this.deps.adminRoutes && pathname.startsWith('/api/admin/')) {
      const { org, sub } = await this.#admin(req);
      if (await this.deps.adminRoutes(req, res, pathname, org, sub)) return;
    }
    throw new ApiFailure(404, 'not_found', `no API route ${method} ${pathname}`);
  }

  async #login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req, loginRequestSchema);
    const ip = this.deps.clientIp(req);
    const { account, ip: perIp, org } = this.deps.loginLimiters;
    const accountKey = `${ip}|${body.org}|${body.email}`;
    const wait = new LimiterSet([
      { limiter: account, key: accountKey },
      { limiter: perIp, key: ip },
      { limiter: org, key: body.org }
    ]).attempt();
    if (wait > 0) {
      throw new ApiFailure(429, 'rate_limited', `too many sign-in attempts; try again in ${wait} s`, undefined, { 'Retry-After': String(wait) });
    }
    const session = await this.deps.accounts.login(body);
    account.succeeded(accountKey);
    sendJson(res, 200, session);
  }

  /**
   * The caller must hold a valid access token of an active account; returns who it is, named
   * by their account (else the token's name, else its subject) for records that say who acted.
   */
  async #principal(req: IncomingMessage): Promise<{ org: string; sub: string; role: Role; name: string }> {
    const verified = await verifyToken(bearerToken(req), this.deps.secret);
    if (!verified.ok) throw new ApiFailure(401, 'unauthorized', `sign in again (${verified.reason} token)`);
    const principal = await this.deps.accounts.principal(verified.claims);
    if (!principal.ok) {
      if (principal.reason === 'user-disabled') throw new ApiFailure(403, 'user_disabled', 'this account is disabled');
      throw new ApiFailure(401, 'unauthorized', 'sign in again (unknown user)');
    }
    return { org: verified.claims.org, sub: verified.claims.sub, role: principal.role, name: principal.user?.name ?? verified.claims.name ?? verified.claims.sub };
  }

  /** The caller must hold a valid access token of an active admin; returns their org. */
  async #admin(req: IncomingMessage): Promise<{ org: string; sub: string }> {
    const { org, sub, role } = await this.#principal(req);
    if (role !== 'admin') throw new ApiFailure(403, 'forbidden', 'only admins may do this');
    return { org, sub };
  }
}

/** Password hashing is saturated: a fast 429 instead of a long wait in line. */
function busy(full: HashQueueFull): ApiFailure {
  const wait = String(full.retryAfterSeconds);
  return new ApiFailure(429, 'rate_limited', `the server is busy signing people in; try again in ${wait} s`, undefined, { 'Retry-After': wait });
}

function exact(path: string): RegExp {
  return new RegExp(`^${path.replace(/[/]/g, '\\/')}$`);
}
