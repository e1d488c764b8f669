/**
 * The relay serves the offline basemap the way PMTiles and MapLibre read it: byte ranges
 * (206 + Content-Range, 416 past the end), validators, and glyph ranges that fall back
 * through a comma-joined font stack to an empty PBF instead of a 404.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';

const ARCHIVE = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
const GLYPHS = Buffer.from('medium glyphs 0-255');

function basemapBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-basemap-'));
  const put = (file: string, body: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), body);
  };
  put('index.html', '<!doctype html><title>Fieldboard shell</title>');
  put('basemap/sf.pmtiles', ARCHIVE);
  put('basemap/fonts/Noto Sans Medium/0-255.pbf', GLYPHS);
  return dir;
}

describe('relay basemap files', () => {
  let relay: RelayProcess;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = basemapBuild();
    relay = await startRelay({ staticDir });
  });
  afterAll(async () => {
    await relay.kill();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const get = (p: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${relay.httpUrl}${p}`, { headers, method });

  it('answers a range request with 206 and exactly those bytes', async () => {
    const res = await get('/basemap/sf.pmtiles', { Range: 'bytes=0-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 0-99/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^W\/"/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(ARCHIVE.subarray(0, 100));
  });

  it('serves a middle range, an open-ended range clipped at the end, and a suffix', async () => {
    const middle = await get('/basemap/sf.pmtiles', { Range: 'bytes=500-509' });
    expect(middle.status).toBe(206);
    expect(Buffer.from(await middle.arrayBuffer())).toEqual(ARCHIVE.subarray(500, 510));

    // PMTiles asks for its 16 KiB header even when the archive is smaller.
    const clipped = await get('/basemap/sf.pmtiles', { Range: 'bytes=990-16383' });
    expect(clipped.status).toBe(206);
    expect(clipped.headers.get('content-range')).toBe('bytes 990-999/1000');
    expect(Buffer.from(await clipped.arrayBuffer())).toEqual(ARCHIVE.subarray(990));

    const suffix = await get('/basemap/sf.pmtiles', { Range: 'bytes=-4' });
    expect(suffix.headers.get('content-range')).toBe('bytes 996-999/1000');
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(ARCHIVE.subarray(996));
  });

  it('answers 416 with the size for a range past the end', async () => {
    const res = await get('/basemap/sf.pmtiles', { Range: 'bytes=1000-1100' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
    expect(await res.text()).toBe('');
  });

  it('sends the whole file for no range, a malformed range or several ranges', async () => {
    for (const range of [undefined, 'bytes=abc', 'bytes=9-2', 'bytes=0-1,5-6', 'lines=1-2']) {
      const res = await get('/basemap/sf.pmtiles', range ? { Range: range } : {});
      expect(res.status, String(range)).toBe(200);
      expect(res.headers.get('content-range'), String(range)).toBeNull();
      expect(Buffer.from(await res.arrayBuffer()), String(range)).toEqual(ARCHIVE);
    }
  });

  it('honours If-Range: the same version gets the range, another version the whole file', async () => {
    const etag = (await get('/basemap/sf.pmtiles', {}, 'HEAD')).headers.get('etag')!;
    const same = await get('/basemap/sf.pmtiles', { Range: 'bytes=0-9', 'If-Range': etag });
    expect(same.status).toBe(206);
    await same.arrayBuffer();
    const other = await get('/basemap/sf.pmtiles', { Range: 'bytes=0-9', 'If-Range': 'W/"stale"' });
    expect(other.status).toBe(200);
    expect((await other.arrayBuffer()).byteLength).toBe(1000);
    const head = await get('/basemap/sf.pmtiles', { Range: 'bytes=10-19' }, 'HEAD');
    expect(head.status).toBe(206);
    expect(head.headers.get('content-length')).toBe('10');
  });

  it('answers 304 to a matching If-None-Match, range or not', async () => {
    const etag = (await get('/basemap/sf.pmtiles', {}, 'HEAD')).headers.get('etag')!;
    const res = await get('/basemap/sf.pmtiles', { 'If-None-Match': etag, Range: 'bytes=0-9' });
    expect(res.status).toBe(304);
  });

  it('serves a glyph range from the first font of a URL-encoded, comma-joined stack that has it', async () => {
    const res = await get(`/basemap/fonts/${encodeURIComponent('Noto Sans Regular,Noto Sans Medium')}/0-255.pbf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(GLYPHS);
  });

  it('answers an absent glyph range with an empty protobuf, not a 404', async () => {
    for (const stack of ['Noto Sans Regular', 'Noto Sans Regular,Noto Sans Medium', 'Unknown Font']) {
      const res = await get(`/basemap/fonts/${encodeURIComponent(stack)}/65280-65535.pbf`);
      expect(res.status, stack).toBe(200);
      expect(res.headers.get('content-type'), stack).toBe('application/x-protobuf');
      expect((await res.arrayBuffer()).byteLength, stack).toBe(0);
    }
  });

  it('still refuses traversal through a font stack and 404s other missing basemap files', async () => {
    // A stack segment starting with a dot is refused before any font is tried.
    expect((await get(`/basemap/fonts/${encodeURIComponent('..,Noto Sans Medium')}/0-255.pbf`)).status).toBe(403);
    expect((await get(`/basemap/fonts/${encodeURIComponent('Noto Sans Regular,../../x')}/0-255.pbf`)).status).toBe(403);
    expect((await get('/basemap/sprites/missing.json')).status).toBe(404);
  });
});
