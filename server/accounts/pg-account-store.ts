/**
 * Organisations, users and refresh tokens in PostgreSQL, shared by every relay instance
 * (server/README.md "Several instances"): a user disabled, demoted or signed out through one
 * instance is refused by all of them at the next upgrade or refresh. Same rules as the SQLite
 * store (account-store.ts); multi-statement changes run in one transaction, and the checks
 * that must not race (last active admin, one organisation, spending a refresh token) lock
 * what they read.
 */
import type pg from 'pg';
import { z } from 'zod';
import type { Role } from '../../src/lib/domain/access/roles';
import { inTransaction } from '../storage/pg-transaction';
import { toUser, type AccountStorage, type NewUser, type RefreshRow, type StoredUser } from './account-store';

export const ACCOUNT_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS fb_orgs (slug TEXT PRIMARY KEY, name TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS fb_users (
  id TEXT PRIMARY KEY, org TEXT NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL,
  password_hash TEXT NOT NULL, disabled BOOLEAN NOT NULL DEFAULT FALSE, created_at BIGINT NOT NULL, UNIQUE (org, email));
CREATE TABLE IF NOT EXISTS fb_refresh_tokens (
  hash BYTEA PRIMARY KEY, family TEXT NOT NULL, user_id TEXT NOT NULL, expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL, used_at BIGINT, revoked_at BIGINT);
CREATE INDEX IF NOT EXISTS fb_refresh_tokens_family ON fb_refresh_tokens (family);
CREATE INDEX IF NOT EXISTS fb_refresh_tokens_user ON fb_refresh_tokens (user_id);
`;

// Rows are read back through zod: BIGINT arrives as a string.
const bigint = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(Number);
const userRowSchema = z.object({
  id: z.string(),
  org: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  password_hash: z.string(),
  disabled: z.boolean(),
  created_at: bigint
});
const refreshRowSchema = z.object({
  family: z.string(),
  user_id: z.string(),
  expires_at: bigint,
  used_at: bigint.nullable(),
  revoked_at: bigint.nullable()
});

type Query = Pick<pg.PoolClient, 'query'>;

export class PgAccountStore implements AccountStorage {
  constructor(
    private readonly pool: pg.Pool,
    /** Resolves once the tables exist (PgStorage.init). */
    private readonly ready: () => Promise<void>
  ) {}

  async orgName(slug: string): Promise<string | null> {
    const { rows } = await this.#query('SELECT name FROM fb_orgs WHERE slug = $1', [slug]);
    return rows[0] ? z.string().parse(rows[0].name) : null;
  }

  async hasOrg(): Promise<boolean> {
    const { rows } = await this.#query('SELECT EXISTS (SELECT 1 FROM fb_orgs) AS found');
    return rows[0]?.found === true;
  }

  async createOrgWithAdmin(org: { slug: string; name: string }, admin: NewUser): Promise<boolean> {
    return this.#transaction(async (client) => {
      // Two instances answering two first-run setups at once: exactly one organisation.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('fieldboard-setup'))");
      const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM fb_orgs) AS found');
      if (rows[0]?.found === true) return false;
      const now = Date.now();
      await client.query('INSERT INTO fb_orgs (slug, name, created_at) VALUES ($1, $2, $3)', [org.slug, org.name, now]);
      await insertUser(client, admin, now);
      return true;
    });
  }

  async createUser(user: NewUser): Promise<boolean> {
    const inserted = await this.#query(
      `INSERT INTO fb_users (id, org, email, name, role, password_hash, disabled, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7) ON CONFLICT (org, email) DO NOTHING`,
      [user.id, user.org, user.email, user.name, user.role, user.passwordHash, Date.now()]
    );
    return inserted.rowCount === 1;
  }

  async userById(id: string): Promise<StoredUser | null> {
    return userOf(await this.#query('SELECT * FROM fb_users WHERE id = $1', [id]));
  }

  async userByEmail(org: string, email: string): Promise<StoredUser | null> {
    return userOf(await this.#query('SELECT * FROM fb_users WHERE org = $1 AND email = $2', [org, email]));
  }

  async usersOf(org: string): Promise<StoredUser[]> {
    const { rows } = await this.#query('SELECT * FROM fb_users WHERE org = $1 ORDER BY created_at, email', [org]);
    return rows.map((row) => toUser(userRowSchema.parse(row)));
  }

  async updateUser(id: string, change: { name?: string; role?: Role; disabled?: boolean }): Promise<StoredUser | 'last-admin' | null> {
    return this.#transaction(async (client) => {
      const before = userOf(await client.query('SELECT * FROM fb_users WHERE id = $1 FOR UPDATE', [id]));
      if (!before) return null;
      const role = change.role ?? before.role;
      const disabled = change.disabled ?? before.disabled;
      if (before.role === 'admin' && !before.disabled && (role !== 'admin' || disabled)) {
        // Lock the org's active admins so two concurrent demotions cannot both pass the check.
        const admins = await client.query("SELECT id FROM fb_users WHERE org = $1 AND role = 'admin' AND NOT disabled FOR UPDATE", [before.org]);
        if ((admins.rowCount ?? 0) <= 1) return 'last-admin';
      }
      await client.query('UPDATE fb_users SET name = $1, role = $2, disabled = $3 WHERE id = $4', [change.name ?? before.name, role, disabled, id]);
      if (disabled && !before.disabled) {
        await client.query('UPDATE fb_refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [Date.now(), id]);
      }
      return userOf(await client.query('SELECT * FROM fb_users WHERE id = $1', [id]));
    });
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.#transaction(async (client) => {
      await client.query('UPDATE fb_users SET password_hash = $1 WHERE id = $2', [passwordHash, id]);
      await client.query('UPDATE fb_refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL', [Date.now(), id]);
    });
  }

  async insertRefresh(hash: Buffer, family: string, userId: string, expiresAt: number, client?: Query): Promise<void> {
    const sql = 'INSERT INTO fb_refresh_tokens (hash, family, user_id, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)';
    const params = [hash, family, userId, expiresAt, Date.now()];
    if (client) await client.query(sql, params);
    else await this.#query(sql, params);
  }

  async refreshByHash(hash: Buffer): Promise<RefreshRow | null> {
    const { rows } = await this.#query('SELECT family, user_id, expires_at, used_at, revoked_at FROM fb_refresh_tokens WHERE hash = $1', [hash]);
    return rows[0] ? refreshRowSchema.parse(rows[0]) : null;
  }

  async rotateRefresh(oldHash: Buffer, newHash: Buffer, family: string, userId: string, expiresAt: number): Promise<boolean> {
    return this.#transaction(async (client) => {
      // Conditional: of two concurrent refreshes with one token (on any instances), exactly one spends it.
      const spent = await client.query('UPDATE fb_refresh_tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL AND revoked_at IS NULL', [Date.now(), oldHash]);
      if (spent.rowCount !== 1) return false;
      await this.insertRefresh(newHash, family, userId, expiresAt, client);
      return true;
    });
  }

  async revokeFamily(family: string): Promise<void> {
    await this.#query('UPDATE fb_refresh_tokens SET revoked_at = $1 WHERE family = $2 AND revoked_at IS NULL', [Date.now(), family]);
  }

  async purgeExpiredRefresh(before: number): Promise<number> {
    return (await this.#query('DELETE FROM fb_refresh_tokens WHERE expires_at < $1', [before])).rowCount ?? 0;
  }

  async #query(sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
    await this.ready();
    return this.pool.query(sql, params);
  }

  async #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ready();
    return inTransaction(this.pool, fn);
  }
}

function userOf(result: pg.QueryResult): StoredUser | null {
  return result.rows[0] ? toUser(userRowSchema.parse(result.rows[0])) : null;
}

async function insertUser(client: Query, user: NewUser, now: number): Promise<void> {
  await client.query(
    'INSERT INTO fb_users (id, org, email, name, role, password_hash, disabled, created_at) VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7)',
    [user.id, user.org, user.email, user.name, user.role, user.passwordHash, now]
  );
}
