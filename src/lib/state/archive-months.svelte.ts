/**
 * Archive months opened on demand, read-only, by a page that shows history which left the live
 * board (customer, asset, an archived job). Each month is a room of its own (`archive-YYYY-MM`),
 * opened once per page and closed with it (`destroy`), so a page pays only for the months its
 * owner's markers name.
 */
import type { Job } from '../domain/jobs/job';
import type { FieldNote, PartUse } from '../domain/fieldwork/field-records';
import type { Attachment } from '../domain/media/attachment';
import type { Visit } from '../domain/scheduling/visit';
import { archivedJobsIn, archiveMonthsOf, type HistoryOwner } from '../sync/archive-history';
import { whenRelayHolds } from '../sync/archive-rooms';
import { BoardDoc } from '../sync/board-doc';
import type { DocConnection } from '../sync/doc-connection';
import { untrack } from 'svelte';
import { board } from './board.svelte';
import { workspace } from './workspace.svelte';

interface OpenMonth {
  connection: DocConnection;
  board: BoardDoc;
  stop: () => void;
}

export class ArchiveMonths {
  /** Months still loading from the relay. */
  loading = $state(0);
  /** Months that could not be reached (offline): what this device stored of them still shows. */
  unreachable = $state<string[]>([]);
  #version = $state(0);
  readonly #open = new Map<string, OpenMonth>();

  /** Opens the months not open yet. */
  load(months: readonly string[]): void {
    for (const month of months) {
      if (this.#open.has(month)) continue;
      const connection = workspace.openArchive(month);
      if (!connection) continue;
      const bump = () => this.#version++;
      connection.doc.on('update', bump);
      this.#open.set(month, { connection, board: new BoardDoc(connection.doc), stop: () => connection.doc.off('update', bump) });
      this.loading++;
      whenRelayHolds(connection)
        .catch(() => {
          this.unreachable = [...this.unreachable, month];
        })
        .finally(() => {
          this.loading--;
          this.#version++;
        });
    }
  }

  /** The owner's archived jobs in the open months, newest first. */
  jobsOf(owner: HistoryOwner): Job[] {
    void this.#version;
    return archivedJobsIn([...this.#open.values()].map((m) => m.board), owner);
  }

  /** The records of the open months the asset history reads (visits, parts, notes, photos of archived jobs). */
  records(jobIds: readonly string[]): { visits: Visit[]; parts: PartUse[]; notes: FieldNote[]; attachments: Attachment[] } {
    void this.#version;
    const boards = [...this.#open.values()].map((m) => m.board);
    return {
      visits: boards.flatMap((b) => b.visits.list()),
      parts: boards.flatMap((b) => b.fieldWork.partUses.list()),
      notes: boards.flatMap((b) => b.fieldWork.notes.list()),
      attachments: boards.flatMap((b) => jobIds.flatMap((id) => b.attachments.forJob(id)))
    };
  }

  /** A job of an open month, with that month's board to read its records. */
  find(jobId: string): { job: Job; board: BoardDoc } | null {
    void this.#version;
    for (const { board } of this.#open.values()) {
      const job = board.getJob(jobId);
      if (job) return { job, board };
    }
    return null;
  }

  destroy(): void {
    for (const month of this.#open.values()) {
      month.stop();
      month.connection.destroy();
    }
    this.#open.clear();
  }
}

/** The months the live board's markers name for an owner (reactive: markers arrive with job removals). */
export function archiveMonthsFor(owner: HistoryOwner): string[] {
  void board.jobs;
  return workspace.board ? archiveMonthsOf(workspace.board, owner) : [];
}

/** The month an archived job went to, or undefined (reactive like archiveMonthsFor). */
export function archiveMonthOfJob(jobId: string): string | undefined {
  void board.jobs;
  return workspace.board?.archiveMoves.monthOfJob(jobId);
}

/**
 * A page's archived history of one customer, site or asset: opens the months it needs while
 * the page is shown. Construct during component initialisation (it registers effects).
 */
export class ArchivedHistory {
  readonly months = new ArchiveMonths();
  readonly #owner: () => HistoryOwner;

  constructor(owner: () => HistoryOwner) {
    this.#owner = owner;
    $effect(() => {
      const months = archiveMonthsFor(owner());
      untrack(() => this.months.load(months));
    });
    $effect(() => () => this.months.destroy());
  }

  get jobs(): Job[] {
    return this.months.jobsOf(this.#owner());
  }

  get loading(): boolean {
    return this.months.loading > 0;
  }
}
