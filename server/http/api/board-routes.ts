/**
 * Board generations over HTTP (server/README.md "Board generations"); the caller is an
 * authenticated user of the path's organisation:
 * - `GET  /api/orgs/<org>/board`: `{ doc }`, the current live board room (every role that reads the board);
 * - `GET  /api/orgs/<org>/board/status`: `{ doc, generation, bytes, tombstoneBytes }` (admins, dispatchers);
 * - `POST /api/orgs/<org>/board/compact` `{ force? }`: a new generation when worth it, else
 *   `{ compacted: false, reason }` (admins and dispatchers; `force` admins only).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canDispatch, canRead, type Role } from '../../../src/lib/domain/access/roles';
import { BOARD_API_ROUTE, compactRequestSchema } from '../../../src/lib/domain/rooms/board-generation-api';
import type { BoardGenerations } from '../../relay/board-compaction';
import { ApiFailure, decodePathParam, readBody, sendJson } from './json-io';

export interface BoardCaller {
  org: string;
  role: Role;
}

export function boardRoutes(generations: BoardGenerations) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, caller: BoardCaller): Promise<boolean> => {
    const match = BOARD_API_ROUTE.exec(pathname);
    if (!match) return false;
    const org = decodePathParam(match[1] as string);
    const what = match[2] ?? '';
    const method = req.method ?? 'GET';
    const expected = what === 'compact' ? 'POST' : 'GET';
    if (method !== expected) throw new ApiFailure(405, 'method_not_allowed', `use ${expected}`, undefined, { Allow: expected });
    if (org !== caller.org) throw new ApiFailure(403, 'forbidden', 'this is another organisation’s board');
    if (!canRead(caller.role, 'board')) throw new ApiFailure(403, 'forbidden', 'your role cannot read the board');
    if (what === '') {
      sendJson(res, 200, { doc: await generations.currentDoc(org) });
      return true;
    }
    if (!canDispatch(caller.role)) throw new ApiFailure(403, 'forbidden', 'only admins and dispatchers may do this');
    if (what === 'status') {
      sendJson(res, 200, await generations.size(org));
      return true;
    }
    const body = await readBody(req, compactRequestSchema);
    if (body.force && caller.role !== 'admin') throw new ApiFailure(403, 'forbidden', 'only admins may force a compaction');
    sendJson(res, 200, await generations.compact(org, body.force === true));
    return true;
  };
}
