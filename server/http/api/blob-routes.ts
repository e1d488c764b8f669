/**
 * `/api/blobs/<org>/<sha256>`: the blob store over HTTP (server/README.md "Blobs").
 * - `PUT` (a role that may write the board): the body's bytes, `Content-Type` one of BLOB_TYPES;
 *   201 stored, 200 already stored (nothing read or rewritten); 400 bad hash or bytes that do not
 *   hash to it (nothing stored); 413 over BLOB_MAX_BYTES or the org's BLOB_ORG_QUOTA_BYTES; 415 other types or bytes of another type.
 * - `GET` (a role that may read the board): the bytes, immutable caching, `ETag` = the hash; 404 absent.
 * The token's org must be the path's org (403 otherwise): blobs of one org are never served to another.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { canRead, canWrite, type Role } from '../../../src/lib/domain/access/roles';
import { isBlobType, isSha256 } from '../../../src/lib/domain/media/blob-rules';
import type { BlobStore } from '../../blobs/blob-store';
import type { RelayMetrics } from '../../metrics';
import { ApiFailure, sendJson } from './json-io';

export const BLOB_ROUTE = /^\/api\/blobs\/([^/]+)\/([^/]+)$/;
const IMMUTABLE = 'private, max-age=31536000, immutable';

export interface BlobCaller {
  org: string;
  sub: string;
  role: Role;
}

export function blobRoutes(store: BlobStore, metrics: RelayMetrics, log: Logger) {
  const count = (method: string, outcome: string) => metrics.blobRequests.inc({ method, outcome });
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, caller: BlobCaller): Promise<void> => {
    const match = BLOB_ROUTE.exec(pathname);
    const method = req.method ?? 'GET';
    if (!match) throw new ApiFailure(404, 'not_found', 'blob addresses are /api/blobs/<org>/<sha256>');
    if (method !== 'GET' && method !== 'HEAD' && method !== 'PUT') {
      throw new ApiFailure(405, 'method_not_allowed', `${method} is not allowed here`, undefined, { Allow: 'GET, HEAD, PUT' });
    }
    const [org, sha256] = [match[1] as string, match[2] as string];
    const refuse = (status: number, code: 'forbidden' | 'invalid_request' | 'payload_too_large' | 'unsupported_media_type' | 'not_found', outcome: string, message: string) => {
      count(method, outcome);
      return new ApiFailure(status, code, message);
    };
    if (org !== caller.org) throw refuse(403, 'forbidden', 'other-org', 'this blob belongs to another organisation');
    const writing = method === 'PUT';
    if (writing ? !canWrite(caller.role, 'board') : !canRead(caller.role, 'board')) {
      throw refuse(403, 'forbidden', 'role', `the ${caller.role} role may not ${writing ? 'upload' : 'read'} attachments`);
    }
    if (!isSha256(sha256)) throw refuse(400, 'invalid_request', 'bad-hash', 'a blob address is the lower-case hex SHA-256 of its bytes');

    if (!writing) {
      const blob = await store.stat(org, sha256);
      if (!blob) throw refuse(404, 'not_found', 'not-found', 'no such blob (not uploaded yet?)');
      const headers = {
        'Content-Type': blob.type ?? 'application/octet-stream',
        'Content-Length': String(blob.size),
        'Cache-Control': IMMUTABLE,
        ETag: `"${sha256}"`
      };
      if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === `"${sha256}"`)) {
        count(method, 'not-modified');
        res.writeHead(304, { 'Cache-Control': IMMUTABLE, ETag: `"${sha256}"` });
        res.end();
        return;
      }
      res.writeHead(200, headers);
      count(method, 'served');
      if (method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(fs.createReadStream(blob.path), res);
      metrics.blobBytesServed.inc(blob.size);
      return;
    }

    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!isBlobType(type)) throw refuse(415, 'unsupported_media_type', 'type', 'attachments are JPEG, WebP or PNG images');
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > store.maxBytes) throw refuse(413, 'payload_too_large', 'too-large', `blobs are limited to ${store.maxBytes} bytes`);
    const result = await store.put(org, sha256, type, req as AsyncIterable<Uint8Array>);
    if ('refused' in result) {
      if (result.refused === 'too-large') throw refuse(413, 'payload_too_large', 'too-large', result.detail);
      if (result.refused === 'type-mismatch') throw refuse(415, 'unsupported_media_type', 'type-mismatch', result.detail);
      if (result.refused === 'quota') throw refuse(413, 'payload_too_large', 'quota', result.detail);
      throw refuse(400, 'invalid_request', 'hash-mismatch', result.detail);
    }
    count(method, result.stored === 'new' ? 'stored' : 'existing');
    if (result.stored === 'new') {
      metrics.blobBytesStored.inc(result.size);
      log.info({ org, sha256, size: result.size, by: caller.sub }, 'blob stored');
    }
    sendJson(res, result.stored === 'new' ? 201 : 200, { sha256, size: result.size, stored: result.stored }, { ETag: `"${sha256}"` });
  };
}
