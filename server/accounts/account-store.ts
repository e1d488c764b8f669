/**
 * SQL for organisations, users and refresh tokens (tables: storage/schema.ts migration 2).
 * Synchronous (better-sqlite3); every multi-statement change runs in one transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { User } from '../../src/lib/domain/access/api-schemas';
import { isRole, type Role } from '../../src/lib/domain/access/roles';

interface UserRow {
  id: string;
  org: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: number;
}

export interface StoredUser extends User {
  passwordHash: string;
}

export interface RefreshRow {
  family: string;
  user_id: string;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface NewUser {
  id: string;
  org: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
}

type Awaitable<T> = T | Promise<T>;

/**
 * What the account service needs of a store. The embedded SQLite store (below) answers
 * synchronously; the Postgres one (pg-account-store.ts, several relay instances) does not.
 */
export interface AccountStorage {
  orgName(slug: string): Awaitable<string | null>;
  hasOrg(): Awaitable<boolean>;
  createOrgWithAdmin(org: { slug: string; name: string }, admin: NewUser): Awaitable<boolean>;
  createUser(user: NewUser): Awaitable<boolean>;
  userById(id: string): Awaitable<StoredUser | null>;
  userByEmail(org: string, email: string): Awaitable<StoredUser | null>;
  usersOf(org: string): Awaitable<StoredUser[]>;
  updateUser(id: string, change: { name?: string; role?: Role; disabled?: boolean }): Awaitable<StoredUser | 'last-admin' | null>;
  setPassword(id: string, passwordHash: string): Awaitable<void>;
  insertRefresh(hash: Buffer, family: string, userId: string, expiresAt: number): Awaitable<void>;
  refreshByHash(hash: Buffer): Awaitable<RefreshRow | null>;
  rotateRefresh(oldHash: Buffer, newHash: Buffer, family: string, userId: string, expiresAt: number): Awaitable<boolean>;
  revokeFamily(family: string): Awaitable<void>;
  purgeExpiredRefresh(before: number): Awaitable<number>;
}

export function toUser(row: Omit<UserRow, 'disabled'> & { disabled: number | boolean }): StoredUser {
  // A role this relay does not know (a newer relay wrote it) grants the least: wallboard.
  const role = isRole(row.role) ? row.role : 'wallboard';
  return {
    id: row.id,
    org: row.org,
    email: row.email,
    name: row.name,
    role,
    disabled: row.disabled !== 0 && row.disabled !== false,
    createdAt: new Date(row.created_at).toISOString(),
    passwordHash: row.password_hash
  };
}

export class AccountStore implements AccountStorage {
  readonly #orgCount: Statement<[], { n: number }>;
  readonly #insertOrg: Statement<[string, string, number]>;
  readonly #insertUser: Statement<[string, string, string, string, string, string, number]>;
  readonly #orgName: Statement<[string], { name: string }>;
  readonly #userById: Statement<[string], UserRow>;
  readonly #userByEmail: Statement<[string, string], UserRow>;
  readonly #usersOfOrg: Statement<[string], UserRow>;
  readonly #activeAdmins: Statement<[string], { n: number }>;
  readonly #setPassword: Statement<[string, string]>;
  readonly #updateUser: Statement<[string, string, number, string]>;
  readonly #insertRefresh: Statement<[Buffer, string, string, number, number]>;
  readonly #refreshByHash: Statement<[Buffer], RefreshRow>;
  readonly #spendRefresh: Statement<[number, Buffer]>;
  readonly #revokeFamily: Statement<[number, string]>;
  readonly #revokeUser: Statement<[number, string]>;
  readonly #purgeRefresh: Statement<[number]>;

  constructor(private readonly db: Database) {
    this.#orgCount = db.prepare('SELECT COUNT(*) AS n FROM orgs');
    this.#insertOrg = db.prepare('INSERT INTO orgs (slug, name, created_at) VALUES (?, ?, ?)');
    this.#insertUser = db.prepare(
      'INSERT INTO users (id, org, email, name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)'
    );
    this.#orgName = db.prepare('SELECT name FROM orgs WHERE slug = ?');
    this.#userById = db.prepare('SELECT * FROM users WHERE id = ?');
    this.#userByEmail = db.prepare('SELECT * FROM users WHERE org = ? AND email = ?');
    this.#usersOfOrg = db.prepare('SELECT * FROM users WHERE org = ? ORDER BY created_at, email');
    this.#activeAdmins = db.prepare("SELECT COUNT(*) AS n FROM users WHERE org = ? AND role = 'admin' AND disabled = 0");
    this.#setPassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
    this.#updateUser = db.prepare('UPDATE users SET name = ?, role = ?, disabled = ? WHERE id = ?');
    this.#insertRefresh = db.prepare(
      'INSERT INTO refresh_tokens (hash, family, user_id, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'
    );
    this.#refreshByHash = db.prepare('SELECT family, user_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE hash = ?');
    // Conditional: of two concurrent refreshes with one token, exactly one spends it.
    this.#spendRefresh = db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND revoked_at IS NULL');
    this.#revokeFamily = db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL');
    this.#revokeUser = db.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL');
    this.#purgeRefresh = db.prepare('DELETE FROM refresh_tokens WHERE expires_at < ?');
  }

  /** The organisation's display name as set up ("Rossi & Sons"), or null when it was never set up. */
  orgName(slug: string): string | null {
    return this.#orgName.get(slug)?.name ?? null;
  }

  hasOrg(): boolean {
    return (this.#orgCount.get()?.n ?? 0) > 0;
  }

  /** Creates the first organisation and its admin; false if an organisation already exists. */
  createOrgWithAdmin(org: { slug: string; name: string }, admin: NewUser): boolean {
    return this.db.transaction((): boolean => {
      if (this.hasOrg()) return false;
      const now = Date.now();
      this.#insertOrg.run(org.slug, org.name, now);
      this.#insert(admin, now);
      return true;
    }).immediate();
  }

  /** False when the org already has a user with this email. */
  createUser(user: NewUser): boolean {
    return this.db.transaction((): boolean => {
      if (this.#userByEmail.get(user.org, user.email)) return false;
      this.#insert(user, Date.now());
      return true;
    }).immediate();
  }

  #insert(user: NewUser, now: number): void {
    this.#insertUser.run(user.id, user.org, user.email, user.name, user.role, user.passwordHash, now);
  }

  userById(id: string): StoredUser | null {
    const row = this.#userById.get(id);
    return row ? toUser(row) : null;
  }

  userByEmail(org: string, email: string): StoredUser | null {
    const row = this.#userByEmail.get(org, email);
    return row ? toUser(row) : null;
  }

  usersOf(org: string): StoredUser[] {
    return this.#usersOfOrg.all(org).map(toUser);
  }

  /**
   * Applies a change unless it would leave the org without an active admin (checked and
   * written in one transaction). Returns the updated user, or 'last-admin'.
   */
  updateUser(id: string, change: { name?: string; role?: Role; disabled?: boolean }): StoredUser | 'last-admin' | null {
    return this.db.transaction((): StoredUser | 'last-admin' | null => {
      const before = this.userById(id);
      if (!before) return null;
      const role = change.role ?? before.role;
      const disabled = change.disabled ?? before.disabled;
      const wasActiveAdmin = before.role === 'admin' && !before.disabled;
      if (wasActiveAdmin && (role !== 'admin' || disabled) && (this.#activeAdmins.get(before.org)?.n ?? 0) <= 1) return 'last-admin';
      this.#updateUser.run(change.name ?? before.name, role, disabled ? 1 : 0, id);
      if (disabled && !before.disabled) this.#revokeUser.run(Date.now(), id);
      return this.userById(id);
    }).immediate();
  }

  /** Sets a new password hash and revokes every refresh token of the user. */
  setPassword(id: string, passwordHash: string): void {
    this.db.transaction(() => {
      this.#setPassword.run(passwordHash, id);
      this.#revokeUser.run(Date.now(), id);
    }).immediate();
  }

  insertRefresh(hash: Buffer, family: string, userId: string, expiresAt: number): void {
    this.#insertRefresh.run(hash, family, userId, expiresAt, Date.now());
  }

  refreshByHash(hash: Buffer): RefreshRow | null {
    return this.#refreshByHash.get(hash) ?? null;
  }

  /**
   * Spends `oldHash` and stores its successor, atomically. False if the old token was
   * already spent or revoked (a reuse); then nothing is written.
   */
  rotateRefresh(oldHash: Buffer, newHash: Buffer, family: string, userId: string, expiresAt: number): boolean {
    return this.db.transaction((): boolean => {
      if (this.#spendRefresh.run(Date.now(), oldHash).changes !== 1) return false;
      this.insertRefresh(newHash, family, userId, expiresAt);
      return true;
    }).immediate();
  }

  revokeFamily(family: string): void {
    this.#revokeFamily.run(Date.now(), family);
  }

  /** Deletes refresh tokens that expired before `before` (housekeeping). */
  purgeExpiredRefresh(before: number): number {
    return this.#purgeRefresh.run(before).changes;
  }
}
