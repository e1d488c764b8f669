import type { Map as MapLibreMap, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { applyStyle } from './map-engine';

const OFFLINE: StyleSpecification = { version: 8, sources: {}, layers: [] };
const ONLINE = 'https://tiles.example.com/style.json';

/** The part of MapLibre's Map that applyStyle drives: styles set and the events it listens to. */
class StyleRecorder {
  styles: Array<StyleSpecification | string> = [];
  #listeners = new Map<string, Set<(event?: unknown) => void>>();
  on(type: string, listener: (event?: unknown) => void) {
    this.#listeners.set(type, (this.#listeners.get(type) ?? new Set()).add(listener));
  }
  off(type: string, listener: (event?: unknown) => void) {
    this.#listeners.get(type)?.delete(listener);
  }
  once(type: string, listener: (event?: unknown) => void) {
    const wrapped = (event?: unknown) => {
      this.off(type, wrapped);
      listener(event);
    };
    this.on(type, wrapped);
  }
  /** MapLibre's 'error' has no Node semantics: unheard errors are simply dropped. */
  emit(type: string, event?: unknown) {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener(event);
  }
  setStyle(style: StyleSpecification | string) {
    this.styles.push(style);
  }
  asMap(): MapLibreMap {
    return this as unknown as MapLibreMap;
  }
}

describe('applyStyle', () => {
  it('uses the offline basemap when no online style is configured or the device is offline', () => {
    for (const [url, online] of [[null, true], [ONLINE, false]] as const) {
      const map = new StyleRecorder();
      expect(applyStyle(map.asMap(), OFFLINE, url, online, () => {})).toBe('offline');
      expect(map.styles).toEqual([OFFLINE]);
    }
  });

  it('falls back to the offline basemap once when the online style fails to load', () => {
    const map = new StyleRecorder();
    let fallbacks = 0;
    expect(applyStyle(map.asMap(), OFFLINE, ONLINE, true, () => fallbacks++)).toBe('online');
    map.emit('error', { error: new Error('Failed to fetch') });
    map.emit('error', { error: new Error('Failed to fetch') });
    expect(map.styles).toEqual([ONLINE, OFFLINE]);
    expect(fallbacks).toBe(1);
  });

  it('keeps the online style once it has loaded, even if a tile fails later', () => {
    const map = new StyleRecorder();
    let fallbacks = 0;
    applyStyle(map.asMap(), OFFLINE, ONLINE, true, () => fallbacks++);
    map.emit('style.load');
    map.emit('error', { error: new Error('tile 14/2620/6331 failed') });
    expect(map.styles).toEqual([ONLINE]);
    expect(fallbacks).toBe(0);
  });
});
