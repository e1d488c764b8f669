/**
 * The live board's generation for Settings › Archive (sync README "Board generations"): which
 * generation is open, how big it is and how much of it is tombstones, and "Compact now". The
 * relay does the work and decides whether it is worth it; after a compaction every device
 * (this one included) moves to the new room by itself (sync/board-succession.ts).
 */
import { BoardApi } from '../api/board-api';
import { canDispatch } from '../domain/access/roles';
import type { BoardStatus, CompactionAnswer } from '../domain/rooms/board-generation-api';
import { authorized } from './authorized';
import { reportError, reportInfo } from './errors.svelte';
import { session } from './session.svelte';

class BoardGenerationState {
  status = $state.raw<BoardStatus | null>(null);
  /** The relay's answer to the last "Compact now" on this device. */
  answer = $state.raw<CompactionAnswer | null>(null);
  busy = $state(false);
  readonly #api = new BoardApi();

  get canCompact(): boolean {
    return canDispatch(session.claims?.role);
  }

  async load(): Promise<void> {
    const org = session.claims?.org;
    if (!org || !this.canCompact) return;
    try {
      this.status = await authorized((token) => this.#api.status(token, org));
    } catch (error) {
      reportError(error, 'Could not read the board’s size', 'warning');
    }
  }

  /** Asks the relay for a new generation; it answers why not when it is not worth it. */
  async compact(): Promise<CompactionAnswer | null> {
    const org = session.claims?.org;
    if (!org || !this.canCompact || this.busy) return null;
    this.busy = true;
    try {
      const answer = await authorized((token) => this.#api.compact(token, org));
      this.answer = answer;
      if (answer.compacted) reportInfo('Board compacted', `The board is now ${answer.doc}: ${kilobytes(answer.bytesBefore)} → ${kilobytes(answer.bytesAfter)}. Devices move to it once their changes are at the server.`);
      await this.load();
      return answer;
    } catch (error) {
      reportError(error, 'The board could not be compacted; nothing changed');
      return null;
    } finally {
      this.busy = false;
    }
  }
}

export function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export const boardGeneration = new BoardGenerationState();
