/**
 * `npm run seed -- --org ORG [--server ws://127.0.0.1:8787/sync] [--data-dir ./data] [--seed N] [--now ISO]`
 *
 * Loads the demo company (static/demo/sf-demo-dataset.json) into `<org>/board` on a running
 * relay, as an ordinary sync client with an admin token signed by the relay's secret
 * (FIELDBOARD_SECRET, else DATA_DIR/secret.key). Waits until the relay confirms it holds every
 * change durably, prints what was added and exits 0. Running it again adds nothing: the demo's
 * ids come from the seed. Exits 1 with a reason when the relay cannot be reached in 10 s,
 * refuses the token, or does not confirm in time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { buildClaims, loadSecret, signToken } from '../server/auth/tokens';
import { ORG_PATTERN } from '../src/lib/domain/access/roles';
import { parseDemoDatasetText } from '../src/lib/demo/dataset';
import { MemoryStore } from '../src/lib/local/pending-ledger';
import { BoardDoc } from '../src/lib/sync/board-doc';
import { BOARD_MIGRATIONS } from '../src/lib/sync/board-migrations';
import { DocConnection } from '../src/lib/sync/doc-connection';
import { loadDemoCompany } from '../src/lib/sync/demo-loader';
import { CloseCode, roomId } from '../src/lib/sync/protocol';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATASET = path.join(REPO_ROOT, 'static', 'demo', 'sf-demo-dataset.json');
const CONNECT_TIMEOUT_MS = 10_000;
const CONFIRM_TIMEOUT_MS = 60_000;

const USAGE = `usage: npm run seed -- --org ORG [--server ws://127.0.0.1:8787/sync] [--data-dir ./data] [--seed N] [--now ISO]
  --org       organisation slug (a-z, 0-9, dashes)
  --server    the relay's sync URL, default ws://127.0.0.1:8787/sync
  --data-dir  the relay's DATA_DIR (for its signing secret), default $DATA_DIR or ./data
  --seed      demo seed (a whole number), default 1; the same seed never adds twice
  --now       build the board around this UTC instant (e.g. 2026-06-10T20:00:00Z) instead of
              the clock; not in the future. Tests use it to be independent of the time of day`;

class SeedError extends Error {}

/** Who the seed acts as: the demo's history is recorded by it for the demo's people. */
const SEED_USER = { sub: 'demo-seed', name: 'Demo seed' } as const;

interface SeedArgs {
  org: string;
  server: string;
  dataDir: string;
  seed: number;
  now: Date;
}

function parse(argv: string[]): SeedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        org: { type: 'string' },
        server: { type: 'string', default: 'ws://127.0.0.1:8787/sync' },
        'data-dir': { type: 'string', default: process.env.DATA_DIR || './data' },
        seed: { type: 'string', default: '1' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false }
      }
    }));
  } catch (error) {
    throw new SeedError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  if (values.org === undefined || !ORG_PATTERN.test(values.org)) throw new SeedError(`--org is required: a-z, 0-9 and dashes\n\n${USAGE}`);
  if (!/^wss?:\/\/\S+$/.test(values.server)) throw new SeedError('--server must be a ws:// or wss:// URL, e.g. ws://127.0.0.1:8787/sync');
  if (!/^\d{1,10}$/.test(values.seed) || Number(values.seed) > 0xffffffff) throw new SeedError('--seed must be a whole number from 0 to 4294967295');
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (values.now !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/.test(values.now) || Number.isNaN(now.getTime()))) {
    throw new SeedError('--now must be a UTC instant like 2026-06-10T20:00:00Z');
  }
  // The relay refuses events dated in its future; a demo board "now" must not be either.
  if (now.getTime() > Date.now() + 60_000) throw new SeedError('--now must not be in the future');
  return { org: values.org, server: values.server.replace(/\/+$/, ''), dataDir: path.resolve(values['data-dir']), seed: Number(values.seed), now };
}

/** "acme-hvac" → "Acme Hvac": the accounts desk's name on demo events. */
const displayName = (org: string) => org.split('-').filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');

/** Resolves when `check` holds; rejects with `failure()` after `ms`, or as soon as `refused()` says why. */
function until(check: () => boolean, ms: number, failure: () => string, refused: () => string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const tick = () => {
      const why = refused();
      if (why) return reject(new SeedError(why));
      if (check()) return resolve();
      if (Date.now() > deadline) return reject(new SeedError(failure()));
      setTimeout(tick, 50);
    };
    tick();
  });
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const dataset = parseDemoDatasetText(fs.readFileSync(DATASET, 'utf8'));
  const secret = loadSecret(args.dataDir);
  const token = await signToken(buildClaims({ org: args.org, role: 'admin', sub: SEED_USER.sub, name: SEED_USER.name, ttlSeconds: 3600 }), secret.key);
  const connection = new DocConnection({
    room: roomId(args.org, 'board'),
    serverUrl: args.server,
    token,
    migrations: BOARD_MIGRATIONS,
    store: new MemoryStore(),
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
  });
  // The relay refuses a bad token at the HTTP upgrade (401/403), which reaches us as a connection
  // error rather than a close code: remember the last one to name the cause.
  let lastError = '';
  connection.provider?.on('connection-error', (event: Event) => {
    lastError = (event as Event & { message?: string }).message ?? '';
  });
  const refused = () => {
    const status = /Unexpected server response: (\d+)/.exec(lastError)?.[1];
    if (status === '401') return `the relay refused the token (HTTP 401): is --data-dir the relay's DATA_DIR, or FIELDBOARD_SECRET the same?`;
    if (status === '403') return `the relay refused access to ${connection.room} (HTTP 403)`;
    if (connection.refusal) return `the relay refused the demo data (${connection.refusal.reason}: ${connection.refusal.detail})`;
    const r = connection.monitor.state.refused;
    if (!r) return null;
    if (r.code === CloseCode.unauthorized) return `the relay refused the token (${r.code} ${r.reason}): is --data-dir the relay's DATA_DIR, or FIELDBOARD_SECRET the same?`;
    if (r.code === CloseCode.forbidden) return `the relay refused access to ${connection.room} (${r.code} ${r.reason})`;
    return null;
  };
  try {
    await connection.whenLoaded;
    // Load only on top of the relay's copy: ids already there are skipped instead of rewritten.
    await until(() => connection.provider?.synced === true, CONNECT_TIMEOUT_MS, () => `could not reach the relay at ${args.server} within ${CONNECT_TIMEOUT_MS / 1000} s: is it running (npm start)?${lastError ? ` (last error: ${lastError})` : ''}`, refused);
    const board = new BoardDoc(connection.doc);
    const added = loadDemoCompany(board, dataset, { seed: args.seed, now: args.now, orgName: displayName(args.org), importer: { id: SEED_USER.sub, name: SEED_USER.name } });
    await until(() => connection.monitor.state.unconfirmed === 0, CONFIRM_TIMEOUT_MS, () => `the relay did not confirm the demo data within ${CONFIRM_TIMEOUT_MS / 1000} s`, refused);
    const total = board.listJobs().length;
    process.stdout.write(
      `seeded ${connection.room} (seed ${args.seed}): added ${added.offices} offices, ${added.technicians} technicians, ${added.customers} customers, ` +
        `${added.sites} sites, ${added.assets} assets, ${added.jobs} jobs, ${added.jobEvents} job events` +
        `${added.skipped ? `; ${added.skipped} already there` : ''}. The board now has ${total} jobs.\n`
    );
  } finally {
    connection.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
);
