/**
 * Reading one room's stored state (snapshot + log after it) from the SQLite file, with the
 * checksum check. Shared by the relay's storage and the operator tools (export), which open
 * the file read-only while the relay runs (WAL lets readers and the writer proceed together).
 */
import { crc32 } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import * as Y from 'yjs';
import type { StoredRoom } from './types';

interface SnapshotRow {
  upto_seq: number;
  data: Buffer;
  checksum: number | null;
}
interface UpdateRow {
  seq: number;
  data: Buffer;
  checksum: number | null;
}

/** A stored row does not match its checksum: the room must not be served. */
export class CorruptRoomError extends Error {
  constructor(roomId: string, what: string) {
    super(`room ${roomId}: ${what} is damaged (checksum mismatch); restore from a backup`);
    this.name = 'CorruptRoomError';
  }
}

/** Throws CorruptRoomError when a stored blob does not match its checksum (NULL: not recorded). */
export function checkRow(roomId: string, what: string, data: Buffer, checksum: number | null): void {
  if (checksum !== null && crc32(data) !== checksum) throw new CorruptRoomError(roomId, what);
}

/** Reads the room in one read transaction, so the snapshot and the rows after it match. */
export function readRoom(db: Database, roomId: string): StoredRoom {
  const selectSnapshot = db.prepare<[string], SnapshotRow>('SELECT upto_seq, data, checksum FROM snapshots WHERE room = ?');
  const selectUpdates = db.prepare<[string, number], UpdateRow>(
    'SELECT seq, data, checksum FROM updates WHERE room = ? AND seq > ? ORDER BY seq'
  );
  const selectHistoryBytes = db.prepare<[string, string], { bytes: number | null }>(
    `SELECT (SELECT SUM(LENGTH(data)) FROM history_updates WHERE room = ?)
          + COALESCE((SELECT SUM(LENGTH(data)) FROM history_snapshots WHERE room = ?), 0) AS bytes`
  );
  return db.transaction((): StoredRoom => {
    const snapshot = selectSnapshot.get(roomId);
    const uptoSeq = snapshot?.upto_seq ?? 0;
    const rows = selectUpdates.all(roomId, uptoSeq);
    if (snapshot) checkRow(roomId, 'the snapshot', snapshot.data, snapshot.checksum);
    let logBytes = 0;
    for (const row of rows) {
      checkRow(roomId, `update #${row.seq}`, row.data, row.checksum);
      logBytes += row.data.byteLength;
    }
    const last = rows.at(-1);
    return {
      snapshot: snapshot ? snapshot.data : null,
      updates: rows.map((row) => row.data),
      lastSeq: last ? last.seq : uptoSeq,
      logRows: rows.length,
      logBytes,
      historyBytes: selectHistoryBytes.get(roomId, roomId)?.bytes ?? 0
    };
  })();
}

/** A doc holding exactly the stored state; throws if it cannot be applied completely. */
export function docFromStored(roomId: string, stored: StoredRoom): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
    // The relay stores only integrated changes, so a stored state that leaves structs or
    // deletions waiting for missing dependencies is damaged: refuse it rather than serve it.
    if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
      throw new Error(`room ${roomId}: stored state is incomplete (missing dependencies)`);
    }
    return doc;
  } catch (error) {
    doc.destroy();
    throw error;
  }
}

/**
 * The doc as plain JSON: every top-level type by name. Fieldboard docs hold only top-level
 * maps (DESIGN §3); a type with list content is exported as an array.
 */
export function docToJson(doc: Y.Doc): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type] of doc.share) {
    out[name] = type._map.size > 0 || type._start === null ? doc.getMap(name).toJSON() : doc.getArray(name).toJSON();
  }
  return out;
}
