/**
 * Serves the built app (STATIC_DIR) with an SPA fallback and cache headers that keep the
 * PWA correct: hashed `/_app/immutable/*` files are cached forever; the service worker and
 * its companions are never cached, so a deployment is always noticed; everything else is
 * revalidated (`no-cache` + ETag). Files are served by byte range too (the offline basemap is
 * read that way), and missing basemap glyph ranges answer an empty PBF.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseByteRange } from './byte-range';
import { contentType } from './content-types';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const NEVER_CACHE = 'no-cache, no-store, must-revalidate';
const REVALIDATE = 'no-cache';
/** `/basemap/fonts/<font stack>/<start>-<end>.pbf` (decoded). */
const GLYPH_PATH = /^\/basemap\/fonts\/([^/]+)\/(\d+-\d+)\.pbf$/;
/** Customer links (`/q/<token>`, `/i/<token>`): app routes whose last segment has dots (a JWT), not files. */
const LINK_ROUTE = /^\/(q|i)\/[^/]+$/;
const SERVICE_WORKER_FILES = new Set(['sw.js', 'registerSW.js', 'manifest.webmanifest']);

export class StaticFiles {
  readonly #root: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  /** Whether a build is present (checked per request: `npm run build` may finish later). */
  async hasApp(): Promise<boolean> {
    return isFile(path.join(this.#root, 'index.html'));
  }

  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'bad path\n');
    }
    const file = this.#resolve(decoded);
    if (!file) return sendText(res, 403, 'forbidden\n');

    if (await isFile(file)) return this.#send(req, res, file, decoded);
    const index = path.join(file, 'index.html');
    if (await isFile(index)) return this.#send(req, res, index, decoded);
    const glyphs = GLYPH_PATH.exec(decoded);
    if (glyphs?.[1] && glyphs[2]) return this.#glyphs(req, res, glyphs[1], glyphs[2]);
    if (path.extname(decoded) !== '' && !LINK_ROUTE.test(decoded)) return sendText(res, 404, 'not found\n');

    // SPA fallback: client-side routes are served the app shell.
    const shell = path.join(this.#root, 'index.html');
    if (await isFile(shell)) return this.#send(req, res, shell, '/index.html');
    return this.#noBuild(res);
  }

  /**
   * A basemap glyph range. MapLibre asks for a comma-joined font stack
   * (`Noto Sans Regular,Noto Sans Medium`): the first font that has the range answers; when
   * none has it the answer is an empty PBF (200), so labels render instead of failing.
   */
  async #glyphs(req: IncomingMessage, res: ServerResponse, stack: string, range: string): Promise<void> {
    for (const font of stack.split(',')) {
      const urlPath = `/basemap/fonts/${font.trim()}/${range}.pbf`;
      const file = this.#resolve(urlPath);
      if (file && (await isFile(file))) return this.#send(req, res, file, urlPath);
    }
    res.writeHead(200, { 'Content-Type': contentType('.pbf'), 'Content-Length': 0, 'Cache-Control': REVALIDATE, 'X-Content-Type-Options': 'nosniff' });
    res.end();
  }

  /** The app is not built; the relay still works (tests, headless use). */
  #noBuild(res: ServerResponse): void {
    const body = JSON.stringify({
      error: 'app-not-built',
      message: `No app build in ${this.#root}: run \`npm run build\` (or set STATIC_DIR). The relay at /sync is running.`
    });
    res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': NEVER_CACHE });
    res.end(body);
  }

  /** Maps a decoded URL path into the root; null for traversal, NUL bytes or dotfiles. */
  #resolve(decoded: string): string | null {
    if (decoded.includes('\0') || decoded.includes('\\')) return null;
    const segments = decoded.split('/');
    if (segments.some((s) => s.startsWith('.') && s !== '.well-known')) return null; // also catches '..'
    const file = path.resolve(this.#root, '.' + path.posix.normalize('/' + decoded));
    if (file !== this.#root && !file.startsWith(this.#root + path.sep)) return null;
    return file;
  }

  async #send(req: IncomingMessage, res: ServerResponse, file: string, urlPath: string): Promise<void> {
    const stat = await fs.promises.stat(file);
    const cacheControl = cacheControlFor(urlPath);
    const etag = `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers: Record<string, string | number> = {
      'Content-Type': contentType(path.extname(file)),
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff'
    };
    if (cacheControl !== NEVER_CACHE) {
      headers.ETag = etag;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
    }
    headers['Accept-Ranges'] = 'bytes';
    // If-Range names the version the client already holds part of: another version gets it whole.
    const ifRange = req.headers['if-range'];
    const range = ifRange === undefined || ifRange === etag ? parseByteRange(req.headers.range, stat.size) : null;
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${stat.size}`, 'Content-Length': 0 });
      res.end();
      return;
    }
    const span = range ?? { start: 0, end: stat.size - 1 };
    headers['Content-Length'] = span.end - span.start + 1;
    if (range) headers['Content-Range'] = `bytes ${span.start}-${span.end}/${stat.size}`;
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || stat.size === 0) {
      res.end();
      return;
    }
    try {
      await pipeline(fs.createReadStream(file, { start: span.start, end: span.end }), res);
    } catch (error) {
      // The client went away mid-download (a closed tab, a cancelled prefetch): not a failure.
      if (res.destroyed || (error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') throw new RequestAborted(urlPath);
      throw error;
    }
  }
}

/** A download the client closed before it ended; logged at debug level, never as an error. */
export class RequestAborted extends Error {
  constructor(readonly path: string) {
    super('request closed early by the client');
    this.name = 'RequestAborted';
  }
}

export function cacheControlFor(urlPath: string): string {
  if (urlPath.startsWith('/_app/immutable/')) return IMMUTABLE;
  const base = path.posix.basename(urlPath);
  if (SERVICE_WORKER_FILES.has(base) || /^workbox-[\w-]+\.js$/.test(base)) return NEVER_CACHE;
  return REVALIDATE;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

function sendText(res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': REVALIDATE, ...extra });
  res.end(body);
}
