/** One room's committed state as a Yjs update or as JSON (operator export, admin API). */
import type { Database } from 'better-sqlite3';
import * as Y from 'yjs';
import { docFromStored, docToJson, readRoom } from './room-reader';
import type { StoredRoom } from './types';

export const EXPORT_FORMATS = ['json', 'yjs'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RoomExport {
  contentType: string;
  body: Uint8Array;
}

/** Throws if the room's stored state is damaged (never exports a partial doc). */
export function exportRoom(db: Database, roomId: string, format: ExportFormat): RoomExport {
  return exportStored(roomId, readRoom(db, roomId), format);
}

/** The same from a room's stored state, whichever storage it came from (SQLite or Postgres). */
export function exportStored(roomId: string, stored: StoredRoom, format: ExportFormat): RoomExport {
  const doc = docFromStored(roomId, stored);
  try {
    if (format === 'yjs') return { contentType: 'application/octet-stream', body: Y.encodeStateAsUpdate(doc) };
    const json = JSON.stringify({ room: roomId, exportedAt: new Date().toISOString(), doc: docToJson(doc) }, null, 2) + '\n';
    return { contentType: 'application/json; charset=utf-8', body: Buffer.from(json, 'utf8') };
  } finally {
    doc.destroy();
  }
}
