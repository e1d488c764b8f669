/**
 * The admin's view of a room's history and the way back (server/README.md "History"):
 * list who changed what, preview a past point, restore it, or undo one user's changes
 * since a point. Restores and undos are the relay's own writes: one new update through the
 * room's durable write path (RoomWrites), forwarded to every peer and recorded as made by
 * the admin who asked (action `restore` / `undo`). Nothing in the stored history is rewritten.
 * The store is SQLite's or, with several instances, Postgres's (storage/history-types.ts);
 * with several instances the write goes to Postgres and the room's Redis stream like any
 * commit, so clients on every instance receive it.
 */
import type { Logger } from 'pino';
import type { HistoryChangeResult, HistoryEntry, HistoryPage, HistoryPreview } from '../../src/lib/domain/history/history-schemas';
import { planRestore, planUndo, type RestorePlan } from '../../src/lib/domain/history/restore-plan';
import { previewAt } from '../../src/lib/domain/history/preview';
import type { DocState } from '../../src/lib/domain/history/doc-state';
import { ApiFailure } from '../http/api/json-io';
import type { Room } from '../relay/room';
import type { RoomRegistry } from '../relay/room-registry';
import type { Attribution } from '../storage/types';
import type { HistorySource } from '../storage/history-types';
import { docAt, replay } from './history-replay';
import { applyPlan, docState } from './yjs-state';

export interface HistoryServiceDeps {
  store: HistorySource;
  rooms: RoomRegistry;
  /** Display names of the organisation's accounts by user id. */
  userNames(org: string): Promise<Map<string, string>>;
  /**
   * Several instances: brings the loaded room up to everything committed (by any instance)
   * before a plan is made against it. Absent with one relay (its doc is the committed state).
   */
  catchUp?(roomId: string): Promise<void>;
  log: Logger;
}

/** A plan made synchronously against the room's doc, after the history was read. */
type Planner = (room: Room) => { seq: number; plan: RestorePlan };

/** How often a plan is re-read when the room changed while its history was read (busy room). */
const PLAN_ATTEMPTS = 3;

/** A point in a room's history: a stored row's seq, or an instant (ISO). */
export interface PointSpec {
  seq?: number | undefined;
  at?: string | undefined;
}

export class HistoryService {
  constructor(private readonly deps: HistoryServiceDeps) {}

  /** A page of the room's rows, newest first, with authors' names. */
  async list(org: string, roomId: string, before: number | undefined, limit: number): Promise<HistoryPage> {
    const { store } = this.deps;
    const [rows, names, earliestSeq] = await Promise.all([
      store.list(roomId, before ?? Number.MAX_SAFE_INTEGER, limit + 1),
      this.deps.userNames(org),
      store.earliestSeq(roomId)
    ]);
    const entries: HistoryEntry[] = rows.slice(0, limit).map((row) => ({
      seq: row.seq,
      at: new Date(row.createdAt).toISOString(),
      userId: row.author,
      userName: row.author === null ? null : (names.get(row.author) ?? null),
      action: row.action,
      bytes: row.bytes
    }));
    const last = entries.at(-1);
    return { entries, nextBefore: rows.length > limit && last ? last.seq : null, earliestSeq };
  }

  /** The room at the point next to the room now. */
  async preview(roomId: string, point: PointSpec): Promise<HistoryPreview> {
    return this.#withRoom(roomId, async (room) => {
      const seq = await this.#resolve(roomId, point);
      const [then, at] = await Promise.all([this.#stateAt(roomId, seq), this.#timeOf(roomId, seq)]);
      return previewAt(then, docState(room.doc), seq, at);
    });
  }

  /** Brings the room back to the point as one new update by `adminId` (see restore-plan.ts). */
  async restore(roomId: string, point: PointSpec, adminId: string): Promise<HistoryChangeResult> {
    // The past state does not depend on rows arriving meanwhile: read once, plan against now.
    return this.#change(roomId, { userId: adminId, action: 'restore' }, false, async () => {
      const seq = await this.#resolve(roomId, point);
      const then = await this.#stateAt(roomId, seq);
      return (room) => ({ seq, plan: planRestore(then, docState(room.doc)) });
    });
  }

  /** Reverts what `userId` changed after the point, keeping later changes by others. */
  async undo(roomId: string, userId: string, point: PointSpec, adminId: string): Promise<HistoryChangeResult> {
    // The replay must cover every row the room's doc holds: re-read if the doc moved meanwhile.
    return this.#change(roomId, { userId: adminId, action: 'undo' }, true, async () => {
      const seq = await this.#resolve(roomId, point);
      const { changes } = await replay(this.deps.store, roomId, seq, await this.deps.store.lastSeq(roomId));
      return (room) => ({ seq, plan: planUndo(changes, userId, docState(room.doc)) });
    });
  }

  /**
   * Reads the history (async), then plans against the room's committed state and writes the
   * plan as one relay change in one synchronous step, so nothing can slip in between what
   * was compared and what is written. `needsStable`: the plan also depends on every row up to
   * now (undo), so a doc that changed while the history was read is read again (a few
   * times; a room busier than that is planned on the last read).
   */
  async #change(roomId: string, by: Attribution, needsStable: boolean, read: (room: Room) => Promise<Planner>): Promise<HistoryChangeResult> {
    return this.#withRoom(roomId, async (room) => {
      let planner: Planner | null = null;
      for (let attempt = 1; planner === null; attempt++) {
        let moved = false;
        const onUpdate = () => (moved = true);
        room.doc.on('update', onUpdate);
        try {
          const next = await read(room);
          if (!needsStable || !moved || attempt >= PLAN_ATTEMPTS) planner = next;
        } finally {
          room.doc.off('update', onUpdate);
        }
        if (planner === null) await this.#settle(room);
      }
      const planned = planner(room);
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

  /** Everything applied here is durable, and (several instances) the room holds every commit. */
  async #settle(room: Room): Promise<void> {
    await room.writes.whenDurable();
    await this.deps.catchUp?.(room.id);
  }

  async #withRoom<T>(roomId: string, run: (room: Room) => T | Promise<T>): Promise<T> {
    const room = await this.deps.rooms.acquire(roomId);
    try {
      await this.#settle(room);
      return await run(room);
    } finally {
      this.deps.rooms.release(room);
    }
  }

  /** The seq a point stands for, refused when the history no longer (or not yet) holds it. */
  async #resolve(roomId: string, point: PointSpec): Promise<number> {
    const { store } = this.deps;
    const seq = point.seq ?? (await store.seqAt(roomId, Date.parse(point.at ?? '')));
    const earliest = await store.earliestSeq(roomId);
    if (seq < earliest) {
      throw new ApiFailure(409, 'out_of_history', `that point is older than the kept history (earliest: #${earliest})`);
    }
    if (seq > (await store.lastSeq(roomId))) throw new ApiFailure(409, 'out_of_history', 'that point is after the latest change of this room');
    return seq;
  }

  /** The room's entries once row `seq` was stored. */
  async #stateAt(roomId: string, seq: number): Promise<DocState> {
    const doc = await docAt(this.deps.store, roomId, seq);
    try {
      return docState(doc);
    } finally {
      doc.destroy();
    }
  }

  async #timeOf(roomId: string, seq: number): Promise<string | null> {
    const row = (await this.deps.store.list(roomId, seq + 1, 1))[0];
    return row && row.seq === seq ? new Date(row.createdAt).toISOString() : null;
  }
}

