/**
 * `npm run token -- --org ORG --role ROLE [--user ID] [--name NAME] [--ttl SECONDS] [--link] [--base-url URL]`
 *
 * Prints a signed access token (or a sign-in link) using the same secret as the relay:
 * FIELDBOARD_SECRET, else DATA_DIR/secret.key (created if missing). Only the token goes to
 * stdout so it can be captured (`npm run -s token -- ...`); errors go to stderr, exit 2.
 */
import path from 'node:path';
import { ORG_PATTERN, ROLES, isRole } from '../../src/lib/domain/access/roles';
import { linkBaseUrl, signInLink } from '../../src/lib/domain/access/sign-in-link';
import { buildClaims, loadSecret, signToken } from '../auth/tokens';
import { parseCli, UsageError } from './cli-support';

const USAGE = `usage: npm run token -- --org ORG --role ROLE [--user ID] [--name NAME] [--ttl SECONDS] [--link] [--base-url URL]
  --org       organisation slug (a-z, 0-9, dashes)
  --role      one of: ${ROLES.join(', ')}
  --user      user id (token subject), default "operator"
  --name      display name shown to other users
  --ttl       lifetime in seconds, default 30 days
  --link      print <base-url>/#token=<token> instead of the bare token
  --base-url  base of the link, default PUBLIC_URL, else http://localhost:PORT (PORT default 8787)
env: DATA_DIR (default ./data) or FIELDBOARD_SECRET choose the signing secret;
     PUBLIC_URL / PORT: where links point (as for the server)`;

interface TokenArgs {
  org: string;
  role: (typeof ROLES)[number];
  user: string | undefined;
  name: string | undefined;
  ttl: number | undefined;
  link: boolean;
  baseUrl: string;
}

function parse(argv: string[]): TokenArgs {
  const values = parseCli(
    argv,
    {
      org: { type: 'string' },
      role: { type: 'string' },
      user: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      link: { type: 'boolean', default: false },
      'base-url': { type: 'string' }
    },
    USAGE
  );
  const { org, role } = values;
  if (org === undefined || !ORG_PATTERN.test(org)) throw new UsageError('--org is required: a-z, 0-9 and dashes, 1-63 chars');
  if (role === undefined || !isRole(role)) throw new UsageError(`--role is required: one of ${ROLES.join(', ')}`);
  let ttl: number | undefined;
  if (values.ttl !== undefined) {
    ttl = Number(values.ttl);
    if (!/^\d+$/.test(values.ttl) || !Number.isSafeInteger(ttl) || ttl <= 0) {
      throw new UsageError('--ttl must be a positive whole number of seconds');
    }
  }
  let baseUrl = '';
  if (values.link || values['base-url'] !== undefined) {
    const base = linkBaseUrl({ baseUrl: values['base-url'], env: process.env });
    if (!base.ok) throw new UsageError(base.error);
    baseUrl = base.url;
  }
  if (values.user !== undefined && (values.user.length === 0 || values.user.length > 128)) {
    throw new UsageError('--user must be 1-128 characters');
  }
  if (values.name !== undefined && values.name.length > 200) throw new UsageError('--name must be at most 200 characters');
  return { org, role, user: values.user, name: values.name, ttl, link: values.link, baseUrl };
}

async function main(): Promise<void> {
  let args: TokenArgs;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const secret = loadSecret(path.resolve(process.env.DATA_DIR || './data'));
  const claims = buildClaims({
    org: args.org,
    role: args.role,
    ...(args.user !== undefined ? { sub: args.user } : {}),
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...(args.ttl !== undefined ? { ttlSeconds: args.ttl } : {})
  });
  const token = await signToken(claims, secret.key);
  process.stdout.write((args.link ? signInLink(args.baseUrl, token) : token) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
