/**
 * `npm run export -- --org ORG --doc DOC [--format json|yjs] [--out FILE]`
 *
 * Exports one room's committed state, read from DATA_DIR/fieldboard.db (read-only; the
 * relay may be running): `yjs` is one Yjs update (`Y.applyUpdate` it into an empty doc),
 * `json` is every top-level map as plain JSON. Writes to FILE or stdout.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { isDocName } from '../../src/lib/domain/access/roles';
import { parseRoomName } from '../../src/lib/sync/protocol';
import { PgStorage } from '../storage/pg-storage';
import { exportRoom, exportStored, EXPORT_FORMATS, type ExportFormat } from '../storage/room-export';
import { databasePath, parseCli, runCli, UsageError } from './cli-support';

const USAGE = `usage: npm run export -- --org ORG --doc DOC [--format json|yjs] [--out FILE]
  --doc     board (generation 1), board-gN, finance, catalog or archive-YYYY-MM
  --format  json (default) or yjs (a binary Yjs update)
  --out     file to write (default: stdout)
env: DATA_DIR (default ./data); with DATABASE_URL (DATABASE_SCHEMA) the room is read from PostgreSQL`;

runCli(USAGE, async () => {
  const values = parseCli(
    process.argv.slice(2),
    { org: { type: 'string' }, doc: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    USAGE
  );
  const name = parseRoomName(`${values.org ?? ''}/${values.doc ?? ''}`);
  if (!name) throw new UsageError(values.doc && !isDocName(values.doc) ? `unknown doc ${values.doc}` : '--org and --doc are required');
  const format = (values.format ?? 'json') as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  let body: Uint8Array;
  if (process.env.DATABASE_URL) {
    // Several instances: rooms live in Postgres (server/README.md "Several instances").
    const storage = new PgStorage({ connectionString: process.env.DATABASE_URL, schema: process.env.DATABASE_SCHEMA || 'public', maxConnections: 1 });
    try {
      body = exportStored(name.id, await storage.loadRoom(name.id), format).body;
    } finally {
      await storage.close();
    }
  } else {
    const db = new Database(databasePath(), { readonly: true, fileMustExist: true });
    try {
      body = exportRoom(db, name.id, format).body;
    } finally {
      db.close();
    }
  }
  if (values.out) fs.writeFileSync(values.out, body);
  else process.stdout.write(body);
});
