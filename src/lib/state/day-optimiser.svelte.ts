/**
 * "Optimise day" on the Schedule view: plans one technician's day (domain/dispatch/day-plan),
 * runs the optimiser in its Web Worker (so a 12-stop exact solve never blocks the page), holds
 * the proposal for the dialog, and applies it through the visits API in one transaction.
 */
import { movesForRoute, planDay, type PlannedMove } from '../domain/dispatch/day-plan';
import type { DayRoute } from '../domain/dispatch/optimise-route';
import type { Technician } from '../domain/directory/directory';
import type { Visit } from '../domain/scheduling/visit';
import { createOptimiserClient, type OptimiserClient } from '../dispatch/optimiser-client';
import type { TransitionResult } from '../sync/board-doc';
import { board } from './board.svelte';
import { workspace } from './workspace.svelte';

export type DayProposal =
  | { phase: 'running' }
  | { phase: 'failed'; error: string }
  | { phase: 'ready'; route: DayRoute; visits: Visit[]; moves: PlannedMove[] };

class DayOptimiserState {
  /** The technician and day the dialog is about, or null when closed. */
  target = $state<{ technician: Technician; day: string } | null>(null);
  proposal = $state.raw<DayProposal | null>(null);
  #client: OptimiserClient | null = null;
  #run = 0;

  /** Plans and optimises `technician`'s `day`; the dialog shows progress, then the proposal or why not. */
  async open(technician: Technician, day: string): Promise<void> {
    const run = ++this.#run;
    this.target = { technician, day };
    this.proposal = { phase: 'running' };
    const zone = (technician.officeId && board.officeById.get(technician.officeId)?.timeZone) || board.timeZone;
    const plan = planDay({ technician, day, timeZone: zone, visits: board.visits, locationOf: (v) => board.jobLocation.get(v.jobId) ?? null });
    if (!plan.ok) {
      this.proposal = { phase: 'failed', error: plan.error };
      return;
    }
    try {
      this.#client ??= createOptimiserClient();
      const route = await this.#client.optimise(plan.input);
      if (run !== this.#run) return; // closed or reopened meanwhile
      this.proposal = { phase: 'ready', route, visits: plan.visits, moves: movesForRoute(route, plan.visits) };
    } catch (error) {
      if (run !== this.#run) return;
      this.proposal = { phase: 'failed', error: error instanceof Error ? error.message : 'The route optimiser failed.' };
    }
  }

  /** Moves the visits to the proposed starts in one transaction (refused if the day changed since). */
  apply(): TransitionResult {
    const proposal = this.proposal;
    if (proposal?.phase !== 'ready') return { ok: false, error: 'There is no plan to apply.' };
    const doc = workspace.board;
    const actor = workspace.actor;
    if (!doc || !actor) return { ok: false, error: 'Sign in to change the schedule.' };
    if (!board.canDispatch) return { ok: false, error: 'Your role can view the schedule but not change it.' };
    const windows = new Map(proposal.visits.map((v) => [v.id, v.window]));
    // The dialog closes itself on success (its close event calls `close`), so focus goes back to the button.
    return doc.visits.moveAll(proposal.moves.map((m) => ({ ...m, from: windows.get(m.visitId)! })), actor);
  }

  close(): void {
    this.#run++;
    this.target = null;
    this.proposal = null;
  }
}

export const dayOptimiser = new DayOptimiserState();
