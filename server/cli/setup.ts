/**
 * `npm run setup -- --org ORG --org-name NAME --admin-email E --admin-name N [--password P]`
 *
 * The CLI equivalent of the first-run setup page: creates the organisation and its first
 * admin in DATA_DIR's database (the relay may be running). The password is read from stdin
 * when --password is not given (`printf %s "$PW" | npm run -s setup -- ...`), so it stays
 * out of shell history and `ps`. Exit 0 created, 1 failure (e.g. already set up: exit 1
 * with the reason), 2 bad arguments.
 */
import { pino } from 'pino';
import { setupRequestSchema } from '../../src/lib/domain/access/api-schemas';
import { AccountService } from '../accounts/account-service';
import { AccountStore } from '../accounts/account-store';
import { PgAccountStore } from '../accounts/pg-account-store';
import { loadSecret } from '../auth/tokens';
import { loadConfig } from '../config';
import { ApiFailure } from '../http/api/json-io';
import { PgStorage } from '../storage/pg-storage';
import { SqliteStorage } from '../storage/sqlite-storage';
import { dataDir, databasePath, parseCli, readStdin, runCli, UsageError } from './cli-support';

const USAGE = `usage: npm run setup -- --org ORG --org-name NAME --admin-email EMAIL --admin-name NAME [--password PASSWORD]
  --org          organisation slug (a-z, 0-9, dashes)
  --org-name     organisation display name
  --admin-email  the first admin's email (their sign-in name)
  --admin-name   the first admin's display name
  --password     at least 10 characters; read from stdin when omitted
env: DATA_DIR (default ./data); with DATABASE_URL (DATABASE_SCHEMA) the accounts are in PostgreSQL (several instances)`;

runCli(USAGE, async () => {
  const values = parseCli(
    process.argv.slice(2),
    {
      org: { type: 'string' },
      'org-name': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
      password: { type: 'string' }
    },
    USAGE
  );
  const password = values.password ?? (await readStdin());
  const parsed = setupRequestSchema.safeParse({
    org: values.org,
    orgName: values['org-name'],
    adminEmail: values['admin-email'],
    adminName: values['admin-name'],
    password
  });
  if (!parsed.success) {
    const flags: Record<string, string> = { orgName: 'org-name', adminEmail: 'admin-email', adminName: 'admin-name' };
    throw new UsageError(parsed.error.issues.map((i) => `--${flags[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
  }
  const config = loadConfig();
  const storage = new SqliteStorage(databasePath(), { synchronous: config.sqliteSynchronous });
  const shared = config.scaleOut ? new PgStorage({ connectionString: config.scaleOut.databaseUrl, schema: config.scaleOut.schema, maxConnections: 2 }) : null;
  try {
    const accounts = new AccountService(
      shared ? new PgAccountStore(shared.pool, () => shared.init()) : new AccountStore(storage.database),
      {
        secret: loadSecret(dataDir()).key,
        accessTtlSeconds: config.accessTtlSeconds,
        refreshTtlSeconds: config.refreshTtlSeconds,
        scryptLogN: config.scryptLogN
      },
      pino({ level: 'silent' })
    );
    const { user } = await accounts.setup(parsed.data);
    process.stdout.write(`created organisation ${user.org} with admin ${user.email} (${user.id})\n`);
  } catch (error) {
    if (error instanceof ApiFailure) throw new Error(error.message);
    throw error;
  } finally {
    await storage.close();
    await shared?.close();
  }
});
