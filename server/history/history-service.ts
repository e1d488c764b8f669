/**
 * The admin's view of a room's history and the way back (server/README.md "History"):
 * list who changed what, preview a past point, restore it, or undo one user's changes
 * since a point. Restores and undos are the relay's own writes: one new update through the
 * room's durable write path (RoomWrites), forwarded to every peer and recorded as made by
 * the admin who asked (action `restore` / `undo`). Nothing in the stored history is rewritten.
 */
import type { Logger } from 'pino';
import type { HistoryChangeResult, HistoryEntry, HistoryPage, HistoryPreview } from '../../src/lib/domain/history/history-schemas';
import { planRestore, planUndo, type RestorePlan } from '../../src/lib/domain/history/restore-plan';
import { previewAt } from '../../src/lib/domain/history/preview';
import { ApiFailure } from '../http/api/json-io';
import type { Room } from '../relay/room';
import type { RoomRegistry } from '../relay/room-registry';
import type { Attribution } from '../storage/types';
import type { HistoryStore } from '../storage/history-store';
import { docAt, replay } from './history-replay';
import { applyPlan, docState } from './yjs-state';

export interface HistoryServiceDeps {
  store: HistoryStore;
  rooms: RoomRegistry;
  /** Display names of the organisation's accounts by user id. */
  userNames(org: string): Map<string, string>;
  log: Logger;
}

/** A point in a room's history: a stored row's seq, or an instant (ISO). */
export interface PointSpec {
  seq?: number | undefined;
  at?: string | undefined;
}

export class HistoryService {
  constructor(private readonly deps: HistoryServiceDeps) {}

  /** A page of the room's rows, newest first, with authors' names. */
  list(org: string, roomId: string, before: number | undefined, limit: number): HistoryPage {
    const { store } = this.deps;
    const rows = store.list(roomId, before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const names = this.deps.userNames(org);
    const entries: HistoryEntry[] = rows.slice(0, limit).map((row) => ({
      seq: row.seq,
      at: new Date(row.createdAt).toISOString(),
      userId: row.author,
      userName: row.author === null ? null : (names.get(row.author) ?? null),
      action: row.action,
      bytes: row.bytes
    }));
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > limit && last ? last.seq : null, earliestSeq: store.earliestSeq(roomId) };
  }

  /** The room at the point next to the room now. */
  async preview(roomId: string, point: PointSpec): Promise<HistoryPreview> {
    return this.#withRoom(roomId, (room) => {
      const seq = this.#resolve(roomId, point);
      const doc = docAt(this.deps.store, roomId, seq);
      try {
        return previewAt(docState(doc), docState(room.doc), seq, this.#timeOf(roomId, seq));
      } finally {
        doc.destroy();
      }
    });
  }

  /** Brings the room back to the point as one new update by `adminId` (see restore-plan.ts). */
  async restore(roomId: string, point: PointSpec, adminId: string): Promise<HistoryChangeResult> {
    return this.#change(roomId, { userId: adminId, action: 'restore' }, (room) => {
      const seq = this.#resolve(roomId, point);
      const doc = docAt(this.deps.store, roomId, seq);
      try {
        return { seq, plan: planRestore(docState(doc), docState(room.doc)) };
      } finally {
        doc.destroy();
      }
    });
  }

  /** Reverts what `userId` changed after the point, keeping later changes by others. */
  async undo(roomId: string, userId: string, point: PointSpec, adminId: string): Promise<HistoryChangeResult> {
    return this.#change(roomId, { userId: adminId, action: 'undo' }, (room) => {
      const seq = this.#resolve(roomId, point);
      const { changes } = replay(this.deps.store, roomId, seq, this.deps.store.lastSeq(roomId));
      return { seq, plan: planUndo(changes, userId, docState(room.doc)) };
    });
  }

  /**
   * Plans against the committed state and writes the plan as one relay change. Planning and
   * writing run in one synchronous step after everything applied so far is durable, so no
   * peer's update can slip in between what was read and what is written.
   */
  async #change(roomId: string, by: Attribution, plan: (room: Room) => { seq: number; plan: RestorePlan }): Promise<HistoryChangeResult> {
    return this.#withRoom(roomId, async (room) => {
      const planned = plan(room);
      let applied = { recreated: 0, reset: 0 };
      if (planned.plan.ops.length > 0) {
        room.change(by, (doc) => {
          applied = applyPlan(doc, planned.plan.ops);
        });
        await room.writes.whenDurable();
      }
      this.deps.log.info({ room: roomId, by, seq: planned.seq, ...applied, conflicts: planned.plan.conflicts.length }, 'history change written');
      return { seq: planned.seq, ...applied, keptNew: planned.plan.keptNew, conflicts: planned.plan.conflicts };
    });
  }

  async #withRoom<T>(roomId: string, run: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.deps.rooms.acquire(roomId);
    try {
      await room.writes.whenDurable();
      return await run(room);
    } finally {
      this.deps.rooms.release(room);
    }
  }

  /** The seq a point stands for, refused when the history no longer (or not yet) holds it. */
  #resolve(roomId: string, point: PointSpec): number {
    const { store } = this.deps;
    const seq = point.seq ?? store.seqAt(roomId, Date.parse(point.at ?? ''));
    const earliest = store.earliestSeq(roomId);
    if (seq < earliest) {
      throw new ApiFailure(409, 'out_of_history', `that point is older than the kept history (earliest: #${earliest})`);
    }
    if (seq > store.lastSeq(roomId)) throw new ApiFailure(409, 'out_of_history', 'that point is after the latest change of this room');
    return seq;
  }

  #timeOf(roomId: string, seq: number): string | null {
    const row = this.deps.store.list(roomId, seq + 1, 1)[0];
    return row && row.seq === seq ? new Date(row.createdAt).toISOString() : null;
  }
}
