/** The Map view as a test sees it: the map's readiness and what it drew, read from its data attributes. */
import type { Locator, Page } from 'playwright-core';

const MAP_TIMEOUT = 60_000;

export interface MapRendering {
  status: string | null;
  styleSource: string | null;
  offlineBasemap: string | null;
  renderedJobs: number;
  basemapFeatures: number;
}

export class MapPage {
  constructor(readonly page: Page) {}

  get map(): Locator {
    return this.page.getByTestId('dispatch-map');
  }

  /** Waits for the map's first `idle` (style, tiles and markers drawn). */
  async waitForIdle(): Promise<void> {
    await this.page.locator('[data-testid="dispatch-map"][data-map-status="ready"]').waitFor({ timeout: MAP_TIMEOUT });
  }

  /** Waits until every basemap file is stored for offline use. */
  async waitForOfflineBasemap(): Promise<void> {
    await this.page.locator('[data-testid="dispatch-map"][data-offline-basemap="ready"]').waitFor({ timeout: MAP_TIMEOUT });
  }

  /** Waits until the map reports at least one job and basemap feature drawn (after `idle`). */
  async waitForMarkers(): Promise<MapRendering> {
    await this.page.waitForFunction(
      () => {
        const el = document.querySelector('[data-testid="dispatch-map"]');
        return Number(el?.getAttribute('data-rendered-jobs')) > 0 && Number(el?.getAttribute('data-basemap-features')) > 0;
      },
      undefined,
      { timeout: MAP_TIMEOUT }
    );
    return this.rendering();
  }

  /** Waits until the map has drawn exactly `count` jobs (markers and clustered ones). */
  async waitForRenderedJobs(count: number): Promise<void> {
    await this.page.locator(`[data-testid="dispatch-map"][data-rendered-jobs="${count}"]`).waitFor({ timeout: MAP_TIMEOUT });
  }

  async rendering(): Promise<MapRendering> {
    const attr = (name: string) => this.map.getAttribute(name);
    return {
      status: await attr('data-map-status'),
      styleSource: await attr('data-style-source'),
      offlineBasemap: await attr('data-offline-basemap'),
      renderedJobs: Number(await attr('data-rendered-jobs')),
      basemapFeatures: Number(await attr('data-basemap-features'))
    };
  }
}
