/**
 * JSON in and out for the HTTP API. Every body is a trust boundary: size-capped, parsed,
 * then validated with its zod schema (src/lib/domain/access/api-schemas.ts). Failures are
 * ApiFailures, answered as `{ error: { code, message, fields? } }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { fieldErrors, type ApiErrorCode } from '../../../src/lib/domain/access/api-schemas';

/** API bodies are a few hundred bytes; anything near this is not one of ours. */
export const MAX_BODY_BYTES = 16 * 1024;

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/** Percent-decodes one path segment; a malformed escape (`%E0%A4%A`) is the client's error: 400. */
export function decodePathParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    throw new ApiFailure(400, 'invalid_request', 'malformed percent-escape in the path');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    ...extra
  });
  res.end(json);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, { 'Cache-Control': 'no-store' });
  res.end();
}

export function sendFailure(res: ServerResponse, failure: ApiFailure): void {
  const error: { code: string; message: string; fields?: Record<string, string> } = { code: failure.code, message: failure.message };
  if (failure.fields) error.fields = failure.fields;
  sendJson(res, failure.status, { error }, failure.headers);
}

/** Reads and validates a JSON body against `schema` (at most `maxBytes`: a signature's route allows more). */
export async function readBody<S extends z.ZodType>(req: IncomingMessage, schema: S, maxBytes = MAX_BODY_BYTES): Promise<z.infer<S>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiFailure(415, 'unsupported_media_type', 'send the body as application/json');
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new ApiFailure(413, 'payload_too_large', `bodies are limited to ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ApiFailure(413, 'payload_too_large', `bodies are limited to ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ApiFailure(400, 'invalid_request', 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiFailure(400, 'invalid_request', 'the request is invalid', fieldErrors(parsed.error));
  return parsed.data;
}

/** The bearer token of `Authorization: Bearer <token>`, or null. */
export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? (match[1] as string) : null;
}
