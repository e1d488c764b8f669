/**
 * Accounts: first-run setup, login, refresh-token rotation, user administration, and the
 * question the relay asks on every upgrade: is this token's subject still allowed in?
 *
 * Access tokens are the relay's JWTs (token-claims.ts), short-lived (15 min by default).
 * Refresh tokens are 32 random bytes (base64url), stored as SHA-256 hashes, valid 30 days,
 * and rotate: each refresh spends the token and issues a successor in the same family.
 * Presenting a spent token again means it was copied, so the whole family is revoked.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  AuthSession,
  CreateUserRequest,
  LoginRequest,
  RefreshResponse,
  SetupRequest,
  UpdateUserRequest,
  User
} from '../../src/lib/domain/access/api-schemas';
import type { Role } from '../../src/lib/domain/access/roles';
import type { TokenClaims } from '../../src/lib/domain/access/token-claims';
import { buildClaims, signToken } from '../auth/tokens';
import { ApiFailure } from '../http/api/json-io';
import type { AccountStorage, StoredUser } from './account-store';
import { hashPassword, imitateVerification, verifyPassword } from './passwords';

export interface AccountOptions {
  secret: Uint8Array;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  scryptLogN: number;
}

/** User ids look like this; a token whose subject has this shape but no user is refused. */
export const USER_ID_PREFIX = 'usr_';

export type Principal =
  | { ok: true; role: Role; user: User | null }
  | { ok: false; reason: 'user-disabled' | 'user-unknown' };

const PURGE_EVERY_MS = 3600_000;

export function publicUser(user: StoredUser): User {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

function hashRefresh(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export class AccountService {
  #lastPurge = 0;
  readonly #changeListeners: Array<(user: User) => void> = [];

  constructor(
    private readonly store: AccountStorage,
    private readonly options: AccountOptions,
    private readonly log: Logger
  ) {}

  /** Called after a user is disabled, changes role or gets a new password (the relay drops their sockets). */
  onAccessChanged(listener: (user: User) => void): void {
    this.#changeListeners.push(listener);
  }

  #accessChanged(user: User): void {
    for (const listener of this.#changeListeners) listener(user);
  }

  async setupNeeded(): Promise<boolean> {
    return !(await this.store.hasOrg());
  }

  async setup(request: SetupRequest): Promise<AuthSession> {
    if (!(await this.setupNeeded())) throw new ApiFailure(409, 'already_set_up', 'this server already has an organisation; sign in instead');
    const admin = {
      id: newUserId(),
      org: request.org,
      email: request.adminEmail,
      name: request.adminName,
      role: 'admin' as const,
      passwordHash: await hashPassword(request.password, this.options.scryptLogN)
    };
    if (!(await this.store.createOrgWithAdmin({ slug: request.org, name: request.orgName }, admin))) {
      throw new ApiFailure(409, 'already_set_up', 'this server already has an organisation; sign in instead');
    }
    this.log.info({ org: request.org, user: admin.id }, 'organisation created');
    return this.#session((await this.store.userById(admin.id)) as StoredUser);
  }

  /**
   * Same answer and about the same time for an unknown email and a wrong password; an
   * unknown email only waits (imitateVerification), so it takes no hashing slot. Throws
   * HashQueueFull when hashing is saturated (for known and unknown emails alike).
   */
  async login(request: LoginRequest): Promise<AuthSession> {
    this.#purgeOccasionally();
    const user = await this.store.userByEmail(request.org, request.email);
    if (!user) await imitateVerification(this.options.scryptLogN);
    const matches = user ? await verifyPassword(request.password, user.passwordHash) : false;
    if (!user || !matches) throw new ApiFailure(401, 'invalid_credentials', 'wrong organisation, email or password');
    if (user.disabled) throw new ApiFailure(403, 'user_disabled', 'this account is disabled; ask an administrator');
    return this.#session(user);
  }

  async refresh(refreshToken: string): Promise<RefreshResponse> {
    const invalid = () => new ApiFailure(401, 'invalid_refresh_token', 'the session has ended; sign in again');
    const hash = hashRefresh(refreshToken);
    const row = await this.store.refreshByHash(hash);
    if (!row || row.revoked_at !== null) throw invalid();
    if (row.used_at !== null) {
      await this.store.revokeFamily(row.family);
      this.log.warn({ user: row.user_id, family: row.family }, 'refresh token reused; family revoked');
      throw invalid();
    }
    if (row.expires_at <= Date.now()) throw invalid();
    const user = await this.store.userById(row.user_id);
    if (!user || user.disabled) {
      await this.store.revokeFamily(row.family);
      throw user ? new ApiFailure(401, 'user_disabled', 'this account is disabled; ask an administrator') : invalid();
    }
    const next = randomBytes(32).toString('base64url');
    if (!(await this.store.rotateRefresh(hash, hashRefresh(next), row.family, user.id, Date.now() + this.options.refreshTtlSeconds * 1000))) {
      // Spent by a concurrent refresh between our read and our write: a reuse.
      await this.store.revokeFamily(row.family);
      throw invalid();
    }
    return { accessToken: await this.#accessToken(user), refreshToken: next };
  }

  /** Ends the login the token belongs to (its whole family). Unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const row = await this.store.refreshByHash(hashRefresh(refreshToken));
    if (row) await this.store.revokeFamily(row.family);
  }

  /** Who a verified token speaks for. Operator tokens (`npm run token`) have no user row. */
  /** The organisation's display name, or null when it was never set up (public pages show it). */
  async orgName(slug: string): Promise<string | null> {
    return this.store.orgName(slug);
  }

  async principal(claims: TokenClaims): Promise<Principal> {
    const user = await this.store.userById(claims.sub);
    if (!user) return claims.sub.startsWith(USER_ID_PREFIX) ? { ok: false, reason: 'user-unknown' } : { ok: true, role: claims.role, user: null };
    if (user.org !== claims.org) return { ok: false, reason: 'user-unknown' };
    if (user.disabled) return { ok: false, reason: 'user-disabled' };
    // The stored role wins over the token's: a demotion applies at the next connect.
    return { ok: true, role: user.role, user: publicUser(user) };
  }

  async listUsers(org: string): Promise<User[]> {
    return (await this.store.usersOf(org)).map(publicUser);
  }

  async createUser(org: string, request: CreateUserRequest): Promise<User> {
    const user = {
      id: newUserId(),
      org,
      email: request.email,
      name: request.name,
      role: request.role,
      passwordHash: await hashPassword(request.password, this.options.scryptLogN)
    };
    if (!(await this.store.createUser(user))) {
      throw new ApiFailure(409, 'email_taken', 'another user has this email', { email: 'already in use' });
    }
    return publicUser((await this.store.userById(user.id)) as StoredUser);
  }

  async updateUser(org: string, id: string, change: UpdateUserRequest): Promise<User> {
    const before = await this.#userOf(org, id);
    const updated = await this.store.updateUser(id, change);
    if (updated === 'last-admin') throw new ApiFailure(409, 'last_admin', 'the organisation needs at least one active admin');
    if (!updated) throw new ApiFailure(404, 'not_found', 'no such user');
    const user = publicUser(updated);
    if (user.disabled !== before.disabled || user.role !== before.role) this.#accessChanged(user);
    return user;
  }

  async resetPassword(org: string, id: string, password: string): Promise<void> {
    const user = await this.#userOf(org, id);
    await this.store.setPassword(id, await hashPassword(password, this.options.scryptLogN));
    this.#accessChanged(publicUser(user));
  }

  async #userOf(org: string, id: string): Promise<StoredUser> {
    const user = await this.store.userById(id);
    if (!user || user.org !== org) throw new ApiFailure(404, 'not_found', 'no such user');
    return user;
  }

  async #session(user: StoredUser): Promise<AuthSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    await this.store.insertRefresh(hashRefresh(refreshToken), randomUUID(), user.id, Date.now() + this.options.refreshTtlSeconds * 1000);
    return { accessToken: await this.#accessToken(user), refreshToken, user: publicUser(user) };
  }

  #accessToken(user: StoredUser): Promise<string> {
    const claims = buildClaims({ org: user.org, role: user.role, sub: user.id, name: user.name, ttlSeconds: this.options.accessTtlSeconds });
    return signToken(claims, this.options.secret);
  }

  #purgeOccasionally(): void {
    const now = Date.now();
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    // Housekeeping: never holds up or fails a login.
    Promise.resolve(this.store.purgeExpiredRefresh(now)).then(
      (purged) => {
        if (purged > 0) this.log.info({ purged }, 'expired refresh tokens deleted');
      },
      (error: unknown) => this.log.warn({ err: error }, 'purging expired refresh tokens failed')
    );
  }
}

function newUserId(): string {
  return USER_ID_PREFIX + randomBytes(12).toString('base64url');
}
