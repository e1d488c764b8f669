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
  /** Live counts for /healthz. */
  health(): { rooms: number; connections: number };
}

export class HttpHandler {
  readonly #startedAt = Date.now();

  constructor(private readonly deps: HttpHandlerDeps) {}

  /** The http server's 'request' listener. Never throws. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    for (const [name, value] of Object.entries(this.deps.securityHeaders.headers())) res.setHeader(name, value);
    this.#route(req, res).catch((error: unknown) => {
      if (error instanceof RequestAborted) {
        this.deps.log.debug({ path: error.path }, error.message);
        return;
      }
      this.deps.log.error({ err: error, url: req.url }, 'request failed');
      if (!res.headersSent) sendFailure(res, new ApiFailure(500, 'internal', 'internal error; see the server log'));
      else res.destroy();
    });
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://relay.invalid');
    if (pathname === '/healthz') {
      const { rooms, connections } = this.deps.health();
      return sendJson(res, 200, { ok: true, rooms, connections, uptimeSeconds: Math.round((Date.now() - this.#startedAt) / 1000) });
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
