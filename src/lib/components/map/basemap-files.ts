/**
 * Where the offline San Francisco basemap lives in the app (copied from static/basemap, see
 * its README for sources and licences) and the service-worker cache that keeps it offline.
 */

/** URL path of the basemap directory, served by the relay (byte ranges, glyph fallbacks). */
export const BASEMAP_PATH = '/basemap';

/**
 * The worker's runtime cache for `/basemap/` (CacheFirst with range support; vite.config.ts
 * names it literally, checked by basemap-files.test.ts). Bump the version when the basemap
 * files change so devices fetch the new extract.
 */
export const BASEMAP_CACHE = 'fieldboard-basemap-v1';

/** The fonts in static/basemap/fonts and the glyph ranges each has. */
export const BASEMAP_FONTS = ['Noto Sans Regular', 'Noto Sans Medium', 'Noto Sans Italic'] as const;
const GLYPH_RANGES = ['0-255', '256-511', '512-767', '768-1023', '8192-8447'];

/**
 * Every file the offline map needs, stored whole in BASEMAP_CACHE on the first map visit
 * (about 5.5 MB). The archive is not precached with the app: a 4 MB download would delay
 * every first install, including devices that never open the map, and the precache cannot
 * answer the byte ranges PMTiles reads; the runtime cache answers them from the whole file.
 */
export function basemapFiles(): string[] {
  const sprites = ['light.json', 'light.png', 'light@2x.json', 'light@2x.png'].map((f) => `${BASEMAP_PATH}/sprites/${f}`);
  const glyphs = BASEMAP_FONTS.flatMap((font) => GLYPH_RANGES.map((range) => `${BASEMAP_PATH}/fonts/${encodeURIComponent(font)}/${range}.pbf`));
  return [`${BASEMAP_PATH}/sf.pmtiles`, ...sprites, ...glyphs];
}
