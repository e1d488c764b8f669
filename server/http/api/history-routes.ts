/**
 * Admin-only history routes (the caller is already checked to be an active admin of `org`
 * by ApiRoutes; contract: src/lib/domain/history/history-schemas.ts, server/README.md):
 * - `GET  /api/admin/history?doc=board&before=SEQ&limit=N`: who changed what, newest first;
 * - `GET  /api/admin/history/preview?doc=board&seq=N` (or `at=ISO`): the room then vs now;
 * - `POST /api/admin/history/restore {doc, seq | at}`: bring the room back to that point;
 * - `POST /api/admin/history/undo {doc, userId, seq | at}`: revert one user's changes since then.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { fieldErrors } from '../../../src/lib/domain/access/api-schemas';
import {
  HISTORY_PATHS,
  historyListQuerySchema,
  historyPointQuerySchema,
  restoreRequestSchema,
  undoRequestSchema
} from '../../../src/lib/domain/history/history-schemas';
import type { HistoryService } from '../../history/history-service';
import { ApiFailure, readBody, sendJson } from './json-io';

/** `resolve`: the room a doc name means now (`board` is the current board generation, relay/board-compaction.ts). */
export function historyRoutes(history: HistoryService, resolve: (org: string, doc: string) => Promise<string> = async (org, doc) => `${org}/${doc}`) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, org: string, adminId: string): Promise<boolean> => {
    const method = req.method ?? 'GET';
    switch (pathname) {
      case HISTORY_PATHS.list: {
        allow(method, 'GET');
        const query = parseQuery(req, historyListQuerySchema);
        sendJson(res, 200, await history.list(org, await resolve(org, query.doc), query.before, query.limit));
        return true;
      }
      case HISTORY_PATHS.preview: {
        allow(method, 'GET');
        const query = parseQuery(req, historyPointQuerySchema);
        sendJson(res, 200, await history.preview(await resolve(org, query.doc), query));
        return true;
      }
      case HISTORY_PATHS.restore: {
        allow(method, 'POST');
        const body = await readBody(req, restoreRequestSchema);
        sendJson(res, 200, await history.restore(await resolve(org, body.doc), body, adminId));
        return true;
      }
      case HISTORY_PATHS.undo: {
        allow(method, 'POST');
        const body = await readBody(req, undoRequestSchema);
        sendJson(res, 200, await history.undo(await resolve(org, body.doc), body.userId, body, adminId));
        return true;
      }
      default:
        return false;
    }
  };
}

function allow(method: string, expected: 'GET' | 'POST'): void {
  if (method !== expected) throw new ApiFailure(405, 'method_not_allowed', `use ${expected}`, undefined, { Allow: expected });
}

/** Query parameters are untrusted input like bodies: validated, 400 with a message per field. */
function parseQuery<S extends z.ZodType>(req: IncomingMessage, schema: S): z.infer<S> {
  const params = new URL(req.url ?? '/', 'http://relay.invalid').searchParams;
  const parsed = schema.safeParse(Object.fromEntries(params));
  if (!parsed.success) throw new ApiFailure(400, 'invalid_request', 'bad history request', fieldErrors(parsed.error));
  return parsed.data;
}
