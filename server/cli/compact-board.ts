/**
 * `npm run compact-board -- --org ORG [--url URL] [--force]`
 *
 * Asks the running relay to build a new generation of the organisation's live board
 * (src/lib/sync/README.md "Board generations"): the relay holds the board and does the work;
 * this signs a short-lived operator admin token with the relay's secret (as `npm run token`)
 * and calls `POST /api/orgs/<org>/board/compact`. Without `--force` the relay compacts only
 * when the tombstones make it worth it (BOARD_COMPACT_MIN_BYTES, BOARD_COMPACT_MIN_PERCENT).
 * Prints the relay's answer as JSON; exit 1 when the relay refused or could not be reached.
 */
import path from 'node:path';
import { ORG_PATTERN } from '../../src/lib/domain/access/roles';
import { boardApiPath, compactionAnswerSchema } from '../../src/lib/domain/rooms/board-generation-api';
import { buildClaims, loadSecret, signToken } from '../auth/tokens';
import { parseCli, runCli, UsageError } from './cli-support';

const USAGE = `usage: npm run compact-board -- --org ORG [--url URL] [--force]
  --org    organisation slug
  --url    the relay, default http://localhost:PORT (PORT default 8787)
  --force  build a new generation even when not worth it
env: DATA_DIR (default ./data) or FIELDBOARD_SECRET: the relay's signing secret`;

/** Long enough for a big board's compaction; the token is never printed. */
const TOKEN_TTL_SECONDS = 600;

runCli(USAGE, async () => {
  const values = parseCli(process.argv.slice(2), { org: { type: 'string' }, url: { type: 'string' }, force: { type: 'boolean', default: false } }, USAGE);
  const org = values.org;
  if (org === undefined || !ORG_PATTERN.test(org)) throw new UsageError('--org is required: a-z, 0-9 and dashes, 1-63 chars');
  const base = (values.url ?? `http://localhost:${process.env.PORT || '8787'}`).replace(/\/+$/, '');
  const secret = loadSecret(path.resolve(process.env.DATA_DIR || './data'));
  const token = await signToken(buildClaims({ org, role: 'admin', sub: 'operator', name: 'Operator (compact-board)', ttlSeconds: TOKEN_TTL_SECONDS }), secret.key);
  const res = await fetch(`${base}${boardApiPath(org, 'compact')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(values.force ? { force: true } : {})
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`the relay answered ${res.status}: ${JSON.stringify(body)}`);
  const answer = compactionAnswerSchema.parse(body);
  process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
});
