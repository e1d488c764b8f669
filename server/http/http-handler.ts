/**
 * Plain HTTP on the relay's port: health, metrics, the API namespace and the static app.
 * (The websocket upgrade is handled separately, see relay/upgrade-handler.ts.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { SYNC_PATH } from '../../src/lib/sync/protocol';
import type { RelayMetrics } from '../metrics';
import type { ApiRoutes } from './api/api-routes';
import { ApiFailure, sendFailure, sendJson } from './api/json-io';
import type { SecurityHeaders } from './security-headers';
import { RequestAborted, type StaticFiles } from './static-files';

export interface HttpHandlerDeps {
  staticFiles: StaticFiles;
  api: ApiRoutes;
  securityHeaders: SecurityHeaders;
  metrics: RelayMetrics;
  log: Logger;
  /** Live counts for /healthz; with several instances also Postgres and Redis reachability (`ok` false → 503). */
  health(): Promise<{ ok: boolean; rooms: number; connections: number } & Record<string, unknown>>;
}

export class HttpHandler {
  readonly #startedAt = Date.now();

  constructor(private readonly deps: HttpHandlerDeps) {}

  /** The http server's 'request' listener. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(this.deps.securityHeaders.headers())) res.setHeader(name, value);
    this.#route(req, res).catch((error: unknown) => {
      // The path only, never the query string: it can carry tokens (`?token=`) and personal data.
      const path = pathOf(req.url);
      if (error instanceof URIError) {
        if (!res.headersSent) sendFailure(res, new ApiFailure(400, 'invalid_request', 'malformed percent-escape in the URL'));
        return;
      }
      if (error instanceof RequestAborted || closedEarly(res, error)) {
        // The client went away mid-answer (a cancelled download, a closed tab): not our error.
        this.deps.log.debug({ path, method: req.method }, 'request closed early by the client');
        res.destroy();
        return;
      }
      this.deps.log.error({ err: error, path, method: req.method }, 'request failed');
      if (!res.headersSent) sendFailure(res, new ApiFailure(500, 'internal', 'internal error; see the server log'));
      else res.destroy();
    });
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://relay.invalid');
    if (pathname === '/healthz') {
      const health = await this.deps.health();
      return sendJson(res, health.ok ? 200 : 503, { ...health, uptimeSeconds: Math.round((Date.now() - this.#startedAt) / 1000) });
    }
    if (pathname === '/metrics') {
      const body = await this.deps.metrics.registry.metrics();
      res.writeHead(200, { 'Content-Type': this.deps.metrics.registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
      return;
    }
    if (pathname === '/api' || pathname.startsWith('/api/')) {
      return this.deps.api.handle(req, res, pathname);
    }
    if (pathname === SYNC_PATH || pathname.startsWith(`${SYNC_PATH}/`)) {
      return sendJson(res, 426, { error: 'upgrade-required', message: 'connect with a websocket client' }, { Upgrade: 'websocket' });
    }
    return this.deps.staticFiles.serve(req, res, pathname);
  }
}

/** The path part of a request target (no query string, no fragment). */
export function pathOf(url: string | undefined): string {
  const target = url ?? '/';
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}

/** The failure is the client closing the connection before the answer was sent. */
function closedEarly(res: ServerResponse, error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'EPIPE' || (res.destroyed && !res.writableFinished);
}
