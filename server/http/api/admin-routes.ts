/**
 * Admin-only operator routes under /api/admin (the caller is already checked to be an
 * active admin of `org` by ApiRoutes):
 * - `GET /api/admin/export?doc=board&format=json|yjs`: the room's committed state, as in
 *   `npm run export` (`Content-Disposition: attachment`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isDocName } from '../../../src/lib/domain/access/roles';
import { EXPORT_FORMATS, exportStored, type ExportFormat } from '../../storage/room-export';
import type { StoredRoom } from '../../storage/types';
import { ApiFailure } from './json-io';

/** `loadRoom`: the relay's storage (SQLite, or Postgres with several instances). */
/** `resolve`: the room a doc name means now (`board` is the current board generation). */
export function adminRoutes(loadRoom: (roomId: string) => Promise<StoredRoom>, resolve: (org: string, doc: string) => Promise<string> = async (org, doc) => `${org}/${doc}`) {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, org: string): Promise<boolean> => {
    if (pathname !== '/api/admin/export') return false;
    if (req.method !== 'GET') throw new ApiFailure(405, 'method_not_allowed', 'use GET', undefined, { Allow: 'GET' });
    const query = new URL(req.url ?? '/', 'http://relay.invalid').searchParams;
    const doc = query.get('doc') ?? '';
    const format = (query.get('format') ?? 'json') as ExportFormat;
    const fields: Record<string, string> = {};
    if (!isDocName(doc)) fields.doc = 'board, board-gN, finance, catalog or archive-YYYY-MM';
    if (!EXPORT_FORMATS.includes(format)) fields.format = `one of ${EXPORT_FORMATS.join(', ')}`;
    if (Object.keys(fields).length > 0) throw new ApiFailure(400, 'invalid_request', 'bad export request', fields);
    let result;
    try {
      const roomId = await resolve(org, doc);
      result = exportStored(roomId, await loadRoom(roomId), format);
    } catch (error) {
      throw new ApiFailure(503, 'unavailable', `the room cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    res.writeHead(200, {
      'Content-Type': result.contentType,
      'Content-Length': result.body.byteLength,
      'Cache-Control': 'no-store',
      'Content-Disposition': `attachment; filename="${org}-${doc}.${format === 'yjs' ? 'yjs' : 'json'}"`
    });
    res.end(result.body);
    return true;
  };
}
