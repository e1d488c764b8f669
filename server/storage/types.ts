/**
 * The relay's storage contract. The embedded default is SQLite (sqlite-storage.ts); a
 * scale-out adapter (shared database, DESIGN §6) implements the same interface. Methods are
 * async so such an adapter fits; the SQLite one happens to finish synchronously.
 *
 * Invariants every adapter keeps:
 * - `appendBatch` is atomic: all rooms' updates of one call are durable, or none are.
 * - Sequence numbers only grow and are never reused, even after rows are deleted, so a
 *   snapshot's `uptoSeq` can never cover a row written after it.
 * - `writeSnapshot` stores the snapshot and deletes the rows it covers in one transaction.
 */

/** What a room was last saved as: apply `snapshot` (if any), then `updates` in order. */
export interface StoredRoom {
  snapshot: Uint8Array | null;
  updates: Uint8Array[];
  /** Highest sequence number stored for the room (snapshot or log), 0 if none. */
  lastSeq: number;
  /** Size of the log since the snapshot, for compaction thresholds. */
  logRows: number;
  logBytes: number;
}

export interface RoomAppend {
  roomId: string;
  updates: readonly Uint8Array[];
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
