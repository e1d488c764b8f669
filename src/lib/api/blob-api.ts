/**
 * The blob store over HTTP, as the browser (and tests) use it: upload a blob under its hash,
 * download one and check its bytes against the hash before anyone sees them.
 * crypto.subtle (browsers, Node 20) does the hashing; nothing here is hand-rolled.
 */
import { API_PATHS } from '../domain/access/api-schemas';
import { classifyAnswer, type AttemptOutcome } from '../domain/media/upload-queue';

/** Lower-case hex SHA-256 of `bytes`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface BlobTransport {
  /** Default: same origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  token: string;
  org: string;
}

export interface UploadAnswer {
  outcome: AttemptOutcome;
  status: number | null;
  /** Why it did not store, for the queue's status line. */
  message: string;
}

/** PUTs one blob; never throws (a network failure is outcome `retry`, status null). */
export async function uploadBlob(transport: BlobTransport, sha256: string, type: string, bytes: Uint8Array, signal?: AbortSignal): Promise<UploadAnswer> {
  const doFetch = transport.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`${transport.baseUrl ?? ''}${API_PATHS.blob(transport.org, sha256)}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${transport.token}`, 'content-type': type },
      body: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
      signal
    });
  } catch (error) {
    return { outcome: 'retry', status: null, message: `no connection to the server (${error instanceof Error ? error.message : String(error)})` };
  }
  const status = response.status;
  const text = await response.text().catch(() => '');
  return { outcome: classifyAnswer(status), status, message: status < 300 ? '' : `${status}: ${errorMessage(text)}` };
}

export type DownloadResult = { ok: true; bytes: Uint8Array; type: string } | { ok: false; reason: 'missing' | 'corrupt' | 'failed'; message: string };

/** GETs one blob and verifies its hash; a mismatch is `corrupt` and its bytes are dropped. */
export async function downloadBlob(transport: BlobTransport, sha256: string, signal?: AbortSignal): Promise<DownloadResult> {
  const doFetch = transport.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await doFetch(`${transport.baseUrl ?? ''}${API_PATHS.blob(transport.org, sha256)}`, {
      headers: { authorization: `Bearer ${transport.token}` },
      signal
    });
  } catch (error) {
    return { ok: false, reason: 'failed', message: `no connection to the server (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status === 404) return { ok: false, reason: 'missing', message: 'not uploaded yet by the device that took it' };
  if (!response.ok) return { ok: false, reason: 'failed', message: `${response.status}: ${errorMessage(await response.text().catch(() => ''))}` };
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) return { ok: false, reason: 'corrupt', message: `the server sent bytes hashing to ${actual}, not ${sha256}` };
  return { ok: true, bytes, type: response.headers.get('content-type') ?? 'application/octet-stream' };
}

function errorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    const message = (parsed as { error?: { message?: unknown } } | null)?.error?.message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 200) || 'no details';
}
