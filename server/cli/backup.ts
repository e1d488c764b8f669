/**
 * `npm run backup -- [--out FILE]`: a consistent online snapshot of DATA_DIR.
 *
 * Opens DATA_DIR/fieldboard.db read-only beside the running relay and runs `VACUUM INTO`,
 * which copies the database as of one read transaction (WAL: the relay keeps writing
 * meanwhile; nothing is locked) into a new, compact file. The signing secret is copied
 * beside it as FILE.secret.key (mode 0600) so restored tokens stay valid. The copy is then
 * checked with `PRAGMA integrity_check`; the source is checked first with `PRAGMA quick_check`
 * (a damaged database is reported, not copied). Files are created 0600. Restore: server/README.md "Backup and restore".
 *
 * Blobs (photos, signatures: DATA_DIR/blobs) are copied after the database into FILE.blobs/:
 * they are immutable and only ever added, so every blob the copied database's records could
 * name as uploaded by then is in the copy (a blob uploaded later than the records naming it is
 * re-sent by the device that still queues it). Unfinished uploads (tmp/) are left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SECRET_FILE } from '../auth/tokens';
import { BLOBS_DIR, isBlobTemp } from '../blobs/blob-store';
import { checkIntegrity, ownerOnlyFiles, restrictModes } from '../storage/sqlite-storage';
import { dataDir, databasePath, parseCli, runCli, UsageError } from './cli-support';

const USAGE = `usage: npm run backup -- [--out FILE]
  --out  where to write the copy (default ./backups/fieldboard-<UTC timestamp>.db); must not exist
env: DATA_DIR (default ./data)`;

runCli(USAGE, async () => {
  const values = parseCli(process.argv.slice(2), { out: { type: 'string' } }, USAGE);
  const source = databasePath();
  if (!fs.existsSync(source)) throw new UsageError(`no database at ${source} (set DATA_DIR)`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = path.resolve(values.out ?? path.join('backups', `fieldboard-${stamp}.db`));
  if (fs.existsSync(out)) throw new UsageError(`${out} already exists; choose another --out`);
  fs.mkdirSync(path.dirname(out), { recursive: true, mode: 0o700 });

  const started = Date.now();
  const db = new Database(source, { readonly: true, fileMustExist: true });
  // Backups hold what the database holds (password and token hashes, customers): 0600.
  const restoreUmask = ownerOnlyFiles();
  try {
    db.pragma('busy_timeout = 10000');
    // A damaged source is reported as such (naming the restore procedure), not copied.
    checkIntegrity(db, source);
    db.prepare('VACUUM INTO ?').run(out);
  } finally {
    restoreUmask();
    db.close();
  }
  restrictModes(out);
  const copy = new Database(out, { fileMustExist: true });
  let summary: { rooms: number; updates: number; users: number };
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
    const count = (sql: string) => (copy.prepare(sql).get() as { n: number }).n;
    summary = {
      rooms: count('SELECT COUNT(*) AS n FROM (SELECT room FROM updates UNION SELECT room FROM snapshots)'),
      updates: count('SELECT COUNT(*) AS n FROM updates'),
      users: count('SELECT COUNT(*) AS n FROM users')
    };
  } finally {
    copy.close();
  }
  const secret = path.join(dataDir(), SECRET_FILE);
  const secretOut = `${out}.secret.key`;
  if (fs.existsSync(secret)) fs.copyFileSync(secret, secretOut, fs.constants.COPYFILE_EXCL);
  if (fs.existsSync(secretOut)) fs.chmodSync(secretOut, 0o600);
  const blobs = copyBlobs(path.join(dataDir(), BLOBS_DIR), `${out}.blobs`);
  process.stdout.write(
    JSON.stringify({
      backup: out,
      secret: fs.existsSync(secretOut) ? secretOut : null,
      bytes: fs.statSync(out).size,
      ms: Date.now() - started,
      ...summary,
      blobsDir: blobs.count > 0 ? `${out}.blobs` : null,
      blobs: blobs.count,
      blobBytes: blobs.bytes
    }) + '\n'
  );
  // Several instances: this file holds the accounts; the rooms are in Postgres.
  if (process.env.DATABASE_URL) {
    const schema = process.env.DATABASE_SCHEMA || 'public';
    process.stderr.write(
      `note: DATABASE_URL is set, so the rooms live in PostgreSQL, not in this copy. Back them up with\n` +
        `  pg_dump --format=custom --schema=${schema} --file=fieldboard-rooms-${stamp}.dump "$DATABASE_URL"\n` +
        `(server/README.md "Several instances").\n`
    );
  }
});

/** Copies the blob tree (0700 dirs, 0600 files, no temp files); returns what it copied. */
function copyBlobs(source: string, target: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  if (!fs.existsSync(source)) return { count, bytes };
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(source, relative), { withFileTypes: true })) {
      const rel = path.join(relative, entry.name);
      if (isBlobTemp(rel)) continue;
      if (entry.isDirectory()) {
        fs.mkdirSync(path.join(target, rel), { recursive: true, mode: 0o700 });
        walk(rel);
      } else if (entry.isFile()) {
        fs.copyFileSync(path.join(source, rel), path.join(target, rel), fs.constants.COPYFILE_EXCL);
        fs.chmodSync(path.join(target, rel), 0o600);
        bytes += fs.statSync(path.join(target, rel)).size;
        count++;
      }
    }
  };
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  walk('');
  return { count, bytes };
}
