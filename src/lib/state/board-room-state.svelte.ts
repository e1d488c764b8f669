/**
 * The frame of a page state whose records live in the board room (agreements, inventory): it
 * follows the open workspace's board (attaching to each as it opens, detaching from the last),
 * and runs a write command only where there is a board, a signed-in actor and a role that may
 * write; otherwise the command is not run and the page's read-only reason is the answer.
 */
import { untrack } from 'svelte';
import type { BoardDoc } from '../sync/board-doc';
import { board } from './board.svelte';
import { workspace } from './workspace.svelte';

export type FormErrors = Record<string, string>;
export type BoardActor = { id: string; name?: string };

export abstract class BoardRoomState {
  /** The open workspace's board room, null while none is open. */
  protected doc: BoardDoc | null = null;
  readonly #readOnly: FormErrors;

  /** `readOnlyReason`: what a user whose role cannot write is told when they try. */
  constructor(readOnlyReason: string) {
    this.#readOnly = { _form: readOnlyReason };
    // Module-level states outlive every page, hence a root. The effect first runs after the
    // subclass's fields are set (effects are deferred to the next flush).
    $effect.root(() => {
      $effect(() => {
        const doc = workspace.board;
        return untrack(() => {
          this.doc = doc;
          return this.attach(doc);
        });
      });
    });
  }

  get ready(): boolean {
    return board.ready;
  }

  get canWrite(): boolean {
    return board.canWrite;
  }

  /** Reads `doc` into the state and subscribes to its changes (returns the unsubscribe); clears the state for null. */
  protected abstract attach(doc: BoardDoc | null): (() => void) | undefined;

  /** The board and actor a write may use; null where the user may not write now. */
  protected writer(): { board: BoardDoc; actor: BoardActor } | null {
    const actor = workspace.actor;
    return this.doc && actor && this.canWrite ? { board: this.doc, actor } : null;
  }

  /** The read-only reason when the user may not write, the command's errors when it refused, else null. */
  protected run(command: (b: BoardDoc, actor: BoardActor) => { ok: true } | { ok: false; errors: FormErrors }): FormErrors | null {
    const writer = this.writer();
    if (!writer) return this.readOnly();
    const result = command(writer.board, writer.actor);
    return result.ok ? null : result.errors;
  }

  /** The answer to a write the user's role may not make. */
  protected readOnly(): FormErrors {
    return { ...this.#readOnly };
  }
}
