/**
 * The map's own sources and layers on top of the basemap: jobs (clustered when dense),
 * technicians and the selected technician's day. Added again after every style change
 * (a style swap drops them). Marker styling comes from the features' properties, which
 * src/lib/domain/map/map-features.ts computes and tests.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

export const SOURCES = { jobs: 'fb-jobs', technicians: 'fb-technicians', day: 'fb-day' } as const;
export const LAYERS = {
  clusters: 'fb-job-clusters',
  clusterCounts: 'fb-job-cluster-counts',
  jobs: 'fb-jobs',
  technicians: 'fb-technicians',
  technicianNames: 'fb-technician-names',
  dayLine: 'fb-day-line',
  dayStops: 'fb-day-stops',
  dayOrder: 'fb-day-order'
} as const;

const EMPTY = { type: 'FeatureCollection' as const, features: [] };
const FONT = ['Noto Sans Medium'];

/** Adds the sources (empty) and layers; idempotent, so it can run on every `style.load`. */
export function addDispatchLayers(map: MapLibreMap): void {
  if (map.getSource(SOURCES.jobs)) return;
  map.addSource(SOURCES.jobs, {
    type: 'geojson',
    data: EMPTY,
    cluster: true,
    clusterRadius: 36,
    clusterMaxZoom: 14,
    // A cluster hiding urgent or SLA-critical work says so with its ring.
    clusterProperties: { pulsing: ['+', ['case', ['get', 'pulse'], 1, 0]], urgent: ['+', ['case', ['==', ['get', 'priority'], 'urgent'], 1, 0]] }
  });
  map.addSource(SOURCES.technicians, { type: 'geojson', data: EMPTY });
  map.addSource(SOURCES.day, { type: 'geojson', data: EMPTY });

  map.addLayer({
    id: LAYERS.dayLine,
    type: 'line',
    source: SOURCES.day,
    filter: ['==', ['geometry-type'], 'LineString'],
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': ['get', 'color'], 'line-width': 4, 'line-opacity': 0.85 }
  });
  map.addLayer({
    id: LAYERS.clusters,
    type: 'circle',
    source: SOURCES.jobs,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': '#1f4e79',
      'circle-opacity': 0.9,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 30, 24],
      'circle-stroke-color': ['case', ['>', ['get', 'pulsing'], 0], '#b3261e', ['>', ['get', 'urgent'], 0], '#16202b', '#ffffff'],
      'circle-stroke-width': ['case', ['>', ['+', ['get', 'pulsing'], ['get', 'urgent']], 0], 4, 2]
    }
  });
  map.addLayer({
    id: LAYERS.clusterCounts,
    type: 'symbol',
    source: SOURCES.jobs,
    filter: ['has', 'point_count'],
    layout: { 'text-field': ['get', 'point_count_abbreviated'], 'text-font': FONT, 'text-size': 13, 'text-allow-overlap': true },
    paint: { 'text-color': '#ffffff' }
  });
  map.addLayer({
    id: LAYERS.jobs,
    type: 'circle',
    source: SOURCES.jobs,
    filter: ['!', ['has', 'point_count']],
    paint: {
      'circle-color': ['get', 'color'],
      'circle-radius': ['get', 'radius'],
      'circle-stroke-color': ['get', 'ring'],
      'circle-stroke-width': ['get', 'ringWidth']
    }
  });
  map.addLayer({
    id: LAYERS.technicians,
    type: 'circle',
    source: SOURCES.technicians,
    // Hollow rings in the technician's colour: never mistaken for a (filled) job marker.
    paint: { 'circle-color': '#ffffff', 'circle-radius': 6, 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 4 }
  });
  map.addLayer({
    id: LAYERS.technicianNames,
    type: 'symbol',
    source: SOURCES.technicians,
    minzoom: 13,
    layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11, 'text-offset': [0, 1.3], 'text-anchor': 'top' },
    paint: { 'text-color': '#16202b', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 }
  });
  map.addLayer({
    id: LAYERS.dayStops,
    type: 'circle',
    source: SOURCES.day,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-color': '#ffffff', 'circle-radius': 10, 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 3 }
  });
  map.addLayer({
    id: LAYERS.dayOrder,
    type: 'symbol',
    source: SOURCES.day,
    filter: ['==', ['geometry-type'], 'Point'],
    layout: { 'text-field': ['to-string', ['get', 'order']], 'text-font': FONT, 'text-size': 12, 'text-allow-overlap': true },
    paint: { 'text-color': '#16202b' }
  });
}

/** Replaces a source's features (no-op before the style has the source). */
export function setSourceData(map: MapLibreMap, source: string, data: { type: 'FeatureCollection'; features: readonly object[] }): void {
  // Our features are GeoJSON by construction (domain/map/map-features.ts builds them).
  (map.getSource(source) as GeoJSONSource | undefined)?.setData(data as Parameters<GeoJSONSource['setData']>[0]);
}

/** Jobs the map draws right now: unclustered markers plus the jobs inside drawn clusters. */
export function renderedJobCount(map: MapLibreMap): number {
  const features = map.queryRenderedFeatures({ layers: [LAYERS.jobs, LAYERS.clusters] });
  // A feature can be drawn in several tiles: count each marker or cluster once.
  const seen = new Map<string, number>();
  for (const f of features) {
    const props = f.properties as { jobId?: string; cluster_id?: number; point_count?: number };
    seen.set(props.jobId ?? `cluster:${props.cluster_id}`, props.point_count ?? 1);
  }
  return [...seen.values()].reduce((a, b) => a + b, 0);
}

/** Basemap layers probed for drawn features: always present in a city view, cheap to query. */
const PROBE_LAYERS = ['earth', 'water', 'roads_minor', 'roads_major'];

/** Basemap land, water and road features drawn right now (proof that the offline tiles were read). */
export function renderedBasemapCount(map: MapLibreMap): number {
  const layers = PROBE_LAYERS.filter((id) => map.getLayer(id));
  return layers.length ? map.queryRenderedFeatures({ layers }).length : 0;
}
