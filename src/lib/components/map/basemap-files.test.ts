import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BASEMAP_CACHE, BASEMAP_PATH, basemapFiles } from './basemap-files';

const STATIC = fileURLToPath(new URL('../../../../static', import.meta.url));

/** Every file under static/basemap, as decoded URL paths. */
function shipped(dir = path.join(STATIC, 'basemap')): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? shipped(full) : ['/' + path.relative(STATIC, full).split(path.sep).join('/')];
  });
}

describe('basemapFiles', () => {
  it('lists exactly the map files shipped in static/basemap (a missing one would stop the offline copy)', () => {
    const mapFiles = shipped().filter((p) => /\.(pmtiles|pbf)$|\/sprites\/light/.test(p));
    expect(basemapFiles().map(decodeURIComponent).sort()).toEqual(mapFiles.sort());
    expect(basemapFiles().every((p) => p.startsWith(`${BASEMAP_PATH}/`))).toBe(true);
  });

  it('names the same cache and path as the service worker route in vite.config.ts', () => {
    const config = readFileSync(fileURLToPath(new URL('../../../../vite.config.ts', import.meta.url)), 'utf8');
    expect(config).toContain(`cacheName: '${BASEMAP_CACHE}'`);
    expect(config).toContain(`url.pathname.startsWith('${BASEMAP_PATH}/')`);
  });
});
