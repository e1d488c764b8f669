/**
 * "Suggest technician" for the job side panel: the live board's facts fed to the pure suggester
 * (domain/dispatch/from-board.ts), recomputed when the board changes, and the one-click accept.
 */
import { suggestForJob } from '../domain/dispatch/from-board';
import type { Interval, SuggestResult, Suggestion } from '../domain/dispatch/suggest-types';
import type { Job } from '../domain/jobs/job';
import { board, type TransitionResult } from './board.svelte';

export class JobSuggestions {
  /** The window asked about; null until the dispatcher asks. */
  window = $state<Interval | null>(null);
  #job: () => Job;

  constructor(job: () => Job) {
    this.#job = job;
  }

  /** Top 3 and the excluded, live: a booking made elsewhere re-ranks them. */
  readonly result: SuggestResult | null = $derived.by(() => {
    if (!this.window) return null;
    return suggestForJob(this.#job(), this.window, { jobs: board.jobs, technicians: board.technicians, visits: board.visits, timeOff: board.timeOff, holidays: board.holidays, sites: board.sites, offices: board.offices, timeZone: board.timeZone });
  });

  get timeZone(): string {
    return board.timeZone;
  }

  /** Assigns the suggested technician (replacing the current ones) and books their slot, in one change. */
  accept(suggestion: Suggestion): TransitionResult {
    const result = board.assignAndSchedule(this.#job().id, [suggestion.technicianId], suggestion.slot.start, suggestion.slot.end);
    if (result.ok) this.window = null;
    return result;
  }
}
