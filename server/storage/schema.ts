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
   );`,
  // 2: accounts (server/accounts). One row per organisation; users belong to one org and
  // are unique by (org, email). Refresh tokens are stored as SHA-256 hashes only; a family
  // is one login's chain of rotations, revoked together when a spent token is reused.
  `CREATE TABLE orgs (
     slug TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE users (
     id TEXT PRIMARY KEY,
     org TEXT NOT NULL REFERENCES orgs (slug),
     email TEXT NOT NULL,
     name TEXT NOT NULL,
     role TEXT NOT NULL,
     password_hash TEXT NOT NULL,
     disabled INTEGER NOT NULL DEFAULT 0,
     created_at INTEGER NOT NULL,
     UNIQUE (org, email)
   );
   CREATE TABLE refresh_tokens (
     hash BLOB PRIMARY KEY,
     family TEXT NOT NULL,
     user_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     created_at INTEGER NOT NULL,
     used_at INTEGER,
     revoked_at INTEGER
   );
   CREATE INDEX refresh_tokens_family ON refresh_tokens (family);
   CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);`,
  // 3: CRC-32 of each stored blob, checked on load, so a damaged row makes its room refuse
  // to load instead of being served as a different (or empty) doc. NULL for older rows.
  `ALTER TABLE updates ADD COLUMN checksum INTEGER;
   ALTER TABLE snapshots ADD COLUMN checksum INTEGER;`,
  // 4: history (issue 14). Each stored row records who the relay saw make it (`author`: the
  // token subject, or 'relay') and why (`action`: edit | system | restore | undo); NULL for
  // rows written before this version. Compaction moves covered rows to `history_updates`
  // (same seq) instead of dropping them, and keeps copies of snapshots in
  // `history_snapshots`; both are pruned after the retention (storage/history-store.ts).
  // Existing snapshots become the first history snapshots: the earliest restorable points.
  `ALTER TABLE updates ADD COLUMN author TEXT;
   ALTER TABLE updates ADD COLUMN action TEXT;
   CREATE TABLE history_updates (
     seq INTEGER PRIMARY KEY,
     room TEXT NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     checksum INTEGER,
     author TEXT,
     action TEXT
   );
   CREATE INDEX history_updates_room_seq ON history_updates (room, seq);
   CREATE TABLE history_snapshots (
     room TEXT NOT NULL,
     upto_seq INTEGER NOT NULL,
     data BLOB NOT NULL,
     created_at INTEGER NOT NULL,
     checksum INTEGER,
     PRIMARY KEY (room, upto_seq)
   );
   INSERT INTO history_snapshots (room, upto_seq, data, created_at, checksum)
     SELECT room, upto_seq, data, created_at, checksum FROM snapshots;`,
  // 5: board generations (src/lib/sync/README.md "Board generations"): the organisation's
  // current live board room, `board` (1) until the relay compacts it into `board-g2`, …
  // No row = generation 1. Only ever moves forward (board-generation-store.ts).
  `CREATE TABLE board_generations (
     org TEXT PRIMARY KEY,
     generation INTEGER NOT NULL,
     updated_at INTEGER NOT NULL
   );`,
  // 6: the register of customer links (server/links/link-store.ts): one row per link minted
  // from now on, by its id (the token's `jti`), so the office can list and revoke them.
  // Links minted before this version have no row and no id; they stay valid until they expire.
  // Names are kept as they were when the person acted (like history authors, for the list).
  `CREATE TABLE customer_links (
     id TEXT PRIMARY KEY,
     org TEXT NOT NULL,
     kind TEXT NOT NULL,
     doc TEXT NOT NULL,
     minted_by TEXT NOT NULL,
     minted_by_name TEXT NOT NULL,
     minted_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL,
     revoked_at INTEGER,
     revoked_by TEXT,
     revoked_by_name TEXT
   );
   CREATE INDEX customer_links_document ON customer_links (org, kind, doc);`
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to `target` (default: this relay's version; tests build older files with a lower one). */
export function migrate(db: Database, target = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(`database schema v${current} is newer than this relay (v${SCHEMA_VERSION}); upgrade the relay`);
  }
  if (current >= target) return;
  db.transaction(() => {
    for (let version = current; version < target; version++) {
      db.exec(MIGRATIONS[version] as string);
    }
    db.pragma(`user_version = ${target}`);
  }).immediate();
}
