/**
 * What the Map view shows: job markers, technicians, the selected technician's day for
 * today (the organisation's day, not the device's) and the pin being dropped for a site
 * without a location. Derived from the live board; commands go through its state.
 */
import type { GeoPoint, Site } from '../domain/directory/directory';
import type { Job } from '../domain/jobs/job';
import { zonedParts } from '../domain/time/zoned';
import { lastPositions } from '../domain/fieldwork/status-taps';
import { fieldWork } from './field-work.svelte';
import { dayFeatures, jobMarkers, technicianDay, technicianMarkers } from '../domain/map/map-features';
import type { CreateResult } from '../sync/directory';
import { board } from './board.svelte';
import { boardView } from './board-view.svelte';

/** A site that open jobs point at but that has no location yet. */
export interface UnplacedSite {
  site: Site;
  jobs: Job[];
}

class MapState {
  /** The technician whose day is drawn. */
  technicianId = $state<string | null>(null);
  /** The site a dispatcher is dropping a pin for (the next map click places it). */
  pinSiteId = $state<string | null>(null);

  readonly today = $derived(zonedParts(board.now, board.timeZone).date);
  readonly markers = $derived(jobMarkers(board.jobs, board.siteById, board.now));
  readonly technicians = $derived(technicianMarkers(board.technicians, lastPositions(fieldWork.taps)));
  readonly technician = $derived(this.technicianId ? board.techById.get(this.technicianId) : undefined);
  readonly day = $derived(this.technician ? technicianDay(this.technician, board.jobs, board.siteById, this.today, board.timeZone, board.visits) : null);
  readonly dayFeatures = $derived(this.day && this.technician ? dayFeatures(this.day, this.technician.color) : { type: 'FeatureCollection' as const, features: [] });
  readonly pinSite = $derived(this.pinSiteId ? board.siteById.get(this.pinSiteId) : undefined);

  /** Unplaced jobs grouped by their site (jobs with no site at all cannot be pinned). */
  readonly unplacedSites: UnplacedSite[] = $derived.by(() => {
    const bySite = new Map<string, UnplacedSite>();
    for (const job of this.markers.unplaced) {
      const site = job.siteId ? board.siteById.get(job.siteId) : undefined;
      if (!site) continue;
      const entry = bySite.get(site.id) ?? { site, jobs: [] };
      entry.jobs.push(job);
      bySite.set(site.id, entry);
    }
    return [...bySite.values()].sort((a, b) => a.site.address.localeCompare(b.site.address));
  });
  readonly jobsWithoutSite = $derived(this.markers.unplaced.filter((j) => !j.siteId || !board.siteById.has(j.siteId)).length);

  /** Opens the board's job panel (details, status, priority, assign, window) for a job. */
  showJob(jobId: string | null): void {
    boardView.select(jobId);
  }

  showTechnician(technicianId: string | null): void {
    this.technicianId = technicianId === this.technicianId ? null : technicianId;
  }

  startPin(siteId: string): void {
    this.pinSiteId = siteId;
  }

  cancelPin(): void {
    this.pinSiteId = null;
  }

  /** Places the pending pin; the pin mode ends when it is saved. */
  dropPin(at: GeoPoint): CreateResult<Site> {
    const siteId = this.pinSiteId;
    if (!siteId) return { ok: false, errors: { _form: 'Choose a site to pin first.' } };
    const result = board.setSiteLocation(siteId, at);
    if (result.ok) this.pinSiteId = null;
    return result;
  }
}

export const mapState = new MapState();
