/**
 * Loads MapLibre, PMTiles and the Protomaps style builder on demand (only map views import
 * this module, so the ~450 kB of map code never weighs on the board) and builds the styles:
 * the offline San Francisco basemap served by the relay, or an online style when one is
 * configured (`VITE_MAP_STYLE_URL` at build time), with the offline one as the fallback.
 */
import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { BASEMAP_CACHE, BASEMAP_PATH, basemapFiles } from './basemap-files';

export type MapLibre = typeof import('maplibre-gl');

/** Required by the OpenStreetMap (ODbL) and Protomaps licences; shown on the map. */
export const ATTRIBUTION = '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a> · <a href="https://protomaps.com">Protomaps</a>';

/** The offline extract's bounds (static/basemap/README.md): [west, south, east, north]. */
export const SF_BOUNDS: [number, number, number, number] = [-122.52, 37.7, -122.35, 37.83];

/** The basemap's vector source id: must equal the first argument of `layers(...)`. */
export const BASEMAP_SOURCE = 'protomaps';

/** An online style URL configured at build time, or null for the offline basemap only. */
export function onlineStyleUrl(): string | null {
  const url: unknown = import.meta.env.VITE_MAP_STYLE_URL;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}

let engine: Promise<{ maplibre: MapLibre; offline: StyleSpecification }> | null = null;

/** MapLibre with the `pmtiles://` protocol registered and the offline style built (once per page). */
export function loadMapEngine(origin = location.origin): Promise<{ maplibre: MapLibre; offline: StyleSpecification }> {
  engine ??= (async () => {
    const [maplibre, { Protocol }, basemaps, worker] = await Promise.all([
      import('maplibre-gl'),
      import('pmtiles'),
      import('@protomaps/basemaps'),
      // After bundling MapLibre cannot find its worker by itself (TOOLCHAIN #4).
      import('maplibre-gl/dist/maplibre-gl-worker.mjs?url')
    ]);
    maplibre.setWorkerUrl(worker.default);
    maplibre.addProtocol('pmtiles', new Protocol().tile);
    const offline: StyleSpecification = {
      version: 8,
      // Absolute URLs: MapLibre resolves them in its worker, which has no page base URL.
      glyphs: `${origin}${BASEMAP_PATH}/fonts/{fontstack}/{range}.pbf`,
      sprite: `${origin}${BASEMAP_PATH}/sprites/light`,
      sources: { [BASEMAP_SOURCE]: { type: 'vector', url: `pmtiles://${origin}${BASEMAP_PATH}/sf.pmtiles`, attribution: ATTRIBUTION } },
      layers: basemaps.layers(BASEMAP_SOURCE, basemaps.namedFlavor('light'), { lang: 'en' }) as StyleSpecification['layers']
    };
    return { maplibre, offline };
  })();
  engine.catch(() => (engine = null));
  return engine;
}

/**
 * Uses the online style when one is configured and the device is online; if it fails to
 * load (no network after all, a broken URL), switches to the offline basemap once.
 * Returns which style the map started with. `deviceOnline` is `navigator.onLine`.
 */
export function applyStyle(map: MapLibreMap, offline: StyleSpecification, online: string | null, deviceOnline: boolean, onFallback: () => void): 'online' | 'offline' {
  if (!online || !deviceOnline) {
    map.setStyle(offline);
    return 'offline';
  }
  map.setStyle(online);
  let loaded = false;
  const fallBack = () => {
    map.off('error', fallBack);
    if (loaded) return; // a tile failing later is not a reason to change the whole map
    map.setStyle(offline);
    onFallback();
  };
  map.on('error', fallBack);
  map.once('style.load', () => {
    loaded = true;
    map.off('error', fallBack);
  });
  return 'online';
}

/**
 * Stores every basemap file whole in the worker's runtime cache, so the next visit works
 * with no network even if MapLibre had not yet asked for some glyph range. Files already
 * cached are skipped; resolves false when the Cache API is unavailable or a download fails.
 */
export async function cacheBasemap(): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    const cache = await caches.open(BASEMAP_CACHE);
    for (const file of basemapFiles()) {
      if (!(await cache.match(file))) await cache.add(file);
    }
    return true;
  } catch {
    return false;
  }
}
