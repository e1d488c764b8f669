/**
 * The relay's storage contract. The embedded default is SQLite (sqlite-storage.ts); a
 * scale-out adapter (shared database, DESIGN §6) implements the same interface. Methods are
 * async so such an adapter fits; the SQLite one happens to finish synchronously.
 *
 * Invariants every adapter keeps:
 * - `appendBatch` is atomic: all rooms' updates of one call are durable, or none are.
 * - Sequence numbers only grow and are never reused, even after rows are deleted, so a
 *   snapshot's `uptoSeq` can never cover a row written after it.
 * - `writeSnapshot` stores the snapshot and removes the rows it covers from the live log in
 *   one transaction (SQLite keeps them as history for the retention: history-store.ts).
 */
import type { ChangeAction } from '../../src/lib/domain/history/history-schemas';

/** What a room was last saved as: apply `snapshot` (if any), then `updates` in order. */
export interface StoredRoom {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest sequence number stored for the room (snapshot or log), 0 if none. */
  lastSeq: number;
  /** Size of the log since the snapshot, for compaction thresholds. */
  logRows: number;
  logBytes: number;
  /** Bytes the room's kept history holds (compacted rows and history snapshots), for quotas. */
  historyBytes?: number;
}

/** Who made a stored change, as the relay saw it (never what the client claims). */
export interface Attribution {
  /** The writer's token subject; `relay` for the relay's own changes. */
  userId: string;
  /** `edit`: a peer's update; `system`: the relay itself; `restore`/`undo`: an admin's request (`userId` is that admin). */
  action: ChangeAction;
}

/** One row to store: a (possibly merged) update and its one author. */
export interface AttributedUpdate {
  data: Uint8Array;
  by: Attribution;
}

export interface RoomAppend {
  roomId: string;
  updates: readonly AttributedUpdate[];
}

export interface AppendResult {
  /** Per room: the sequence number of its last row in this batch. */
  lastSeq: Map<string, number>;
}

export interface LogSize {
  rows: number;
  bytes: number;
}

export interface RelayStorage {
  loadRoom(roomId: string): Promise<StoredRoom>;
  appendBatch(batch: readonly RoomAppend[]): Promise<AppendResult>;
  /** Replaces the room's snapshot and deletes log rows with seq <= uptoSeq; returns what is left. */
  writeSnapshot(roomId: string, state: Uint8Array, uptoSeq: number): Promise<LogSize>;
  close(): Promise<void>;
}

/**
 * Each organisation's current board generation (src/lib/sync/README.md "Board generations"):
 * 1 (`board`) until the relay's first compaction. Both stores keep it beside the rooms.
 */
export interface BoardGenerationStore {
  boardGeneration(org: string): Promise<number>;
  /** Records `generation` as current; never moves the pointer back (a lower value is ignored). */
  setBoardGeneration(org: string, generation: number): Promise<void>;
}
