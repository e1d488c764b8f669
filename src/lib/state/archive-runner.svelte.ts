/**
 * Who runs the archive (issue 13): an admin's or dispatcher's device, from Settings › Archive
 * (preview, then "Archive now") and on a schedule — at most once a day per device, when online
 * and synced, and only after the app has been open a while, so it never competes with a cold
 * start or a short visit. The protocol itself is sync/archiver.ts. A run that moved jobs asks
 * the relay to compact the board (state/board-generation.svelte.ts).
 */
import { canDispatch } from '../domain/access/roles';
import { archiveAgeOf, archivePlan, runArchive, setArchiveAge, type MonthReport } from '../sync/archiver';
import { board } from './board.svelte';
import { boardGeneration } from './board-generation.svelte';
import { reportError, reportInfo } from './errors.svelte';
import { session } from './session.svelte';
import { workspace } from './workspace.svelte';

const DAY_MS = 86_400_000;
/** How long the app must have been open before the scheduled run starts. */
export const SCHEDULE_DELAY_MS = 10 * 60_000;
const LAST_RUN_KEY = 'fieldboard.archive.lastRun';

export interface MonthPreview {
  month: string;
  jobs: number;
}

class ArchiveRunner {
  running = $state(false);
  /** The last run on this device (this session): per month, what was planned, copied and moved. */
  reports = $state.raw<MonthReport[] | null>(null);
  lastRunAt = $state<string | null>(readLastRun());

  get canRun(): boolean {
    return canDispatch(session.claims?.role) && workspace.canWriteBoard;
  }

  /** Days after closing before work moves (the org setting). Reading `board.jobs` keeps it live. */
  get afterDays(): number {
    void board.jobs;
    return workspace.board ? archiveAgeOf(workspace.board) : 0;
  }

  setAfterDays(days: number): void {
    if (workspace.board && this.canRun) setArchiveAge(workspace.board, days);
  }

  /** What would move now, by month. */
  preview(now = new Date()): MonthPreview[] {
    void board.jobs;
    if (!workspace.board) return [];
    return [...archivePlan(workspace.board, now)].map(([month, jobs]) => ({ month, jobs: jobs.length }));
  }

  /** Archives everything eligible now; resolves with the per-month report (also kept in `reports`). */
  async run(now = () => new Date()): Promise<MonthReport[] | null> {
    const live = workspace.board;
    const env = workspace.archiveEnvironment();
    const actor = workspace.actor;
    if (!live || !env || !actor || !this.canRun || this.running) return null;
    this.running = true;
    try {
      const reports = await runArchive(live, env, archivePlan(live, now()), actor, now);
      this.reports = reports;
      this.lastRunAt = now().toISOString();
      writeLastRun(this.lastRunAt);
      // Moved jobs leave tombstones in the live board: the relay builds a new generation when
      // they are worth dropping (sync README "Board generations"), else answers why not.
      if (reports.some((r) => r.moved > 0)) void boardGeneration.compact();
      return reports;
    } catch (error) {
      reportError(error, 'Archiving stopped; nothing was lost, and the next run picks up where it left off');
      return null;
    } finally {
      this.running = false;
    }
  }

  /** Starts the daily schedule; returns its stop function (the layout calls it while a workspace is open). */
  schedule(): () => void {
    const timer = setTimeout(() => {
      const last = this.lastRunAt ? Date.parse(this.lastRunAt) : 0;
      const online = typeof navigator === 'undefined' || navigator.onLine !== false;
      if (!this.canRun || !online || workspace.status.phase !== 'synced' || Date.now() - last < DAY_MS) return;
      void this.run().then((reports) => {
        const moved = reports?.reduce((n, r) => n + r.moved, 0) ?? 0;
        if (moved) reportInfo('History archived', `${moved} closed jobs moved to monthly archives; they still show in customer and asset history.`);
      });
    }, SCHEDULE_DELAY_MS);
    return () => clearTimeout(timer);
  }
}

function readLastRun(): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(LAST_RUN_KEY);
  } catch {
    return null;
  }
}

function writeLastRun(at: string): void {
  try {
    localStorage.setItem(LAST_RUN_KEY, at);
  } catch {
    // Private mode: the schedule then runs at most once per session.
  }
}

export const archiveRunner = new ArchiveRunner();
