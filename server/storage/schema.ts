/**
 * SQLite schema, versioned with `PRAGMA user_version`. Migrations only add (never drop or
 * rename), run in order inside a transaction, and each runs once.
 */
import type { Database } from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // 1: append-only update log + one snapshot per room.
  // AUTOINCREMENT (not plain rowid) because compaction may delete the newest rows; plain
  // rowids could then be reused and a new row would hide under an old snapshot's upto_seq.
  `CREATE TABLE updates (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     room TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX updates_room_seq ON updates (room, seq);
   CREATE TABLE snapshots (
     room TEXT PRIMARY KEY,
     upto_seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL
   );`
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema v${current} is newer than this relay (v${SCHEMA_VERSION}); upgrade the relay`);
  }
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version] as string);
    }
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
