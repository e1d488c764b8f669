/**
 * The signed-in state of this device and how it is stored (session.svelte.ts adds sign-in,
 * sign-out and renewing): the reactive fields the views read, taking a session as the
 * current one, keeping it in localStorage, and forgetting it. Expired tokens are kept, so a
 * reload while offline stays signed in.
 */
import { accountsApi, type AccountsApi } from '../api/accounts-api';
import { endsSession, isApiRequestError } from '../api/api-error';
import { refusedTokenMessage } from '../api/describe-error';
import type { User } from '../domain/access/api-schemas';
import type { TokenClaims } from '../domain/access/token-claims';
import { reportError, reportInfo } from './errors.svelte';
import { decodeClaims } from './token-reader';
import { browserStorage, clearSession, loadSession, saveSession, type SessionStorageLike, type StoredSession } from './session-storage';

export abstract class SessionState {
  /** The access token (a JWT), also while expired offline. */
  token = $state<string | null>(null);
  claims = $state<TokenClaims | null>(null);
  /** The account, for password logins (token-only sessions have none). */
  user = $state<User | null>(null);
  /** True when this session renews itself (password login); false for pasted tokens. */
  renewable = $state(false);
  refreshing = $state(false);
  /** Why this device was signed out; shown on the sign-in page until the next sign-in. */
  notice = $state<string | null>(null);
  /** Why the last pasted token or sign-in link was refused. */
  tokenError = $state<string | null>(null);

  /** The refresh token of a password login; null for pasted tokens. */
  protected refreshToken: string | null = null;
  /** Whether storage holds what this tab holds (false in private modes that refuse writes). */
  protected persisted = false;
  protected readonly storage: SessionStorageLike | null;
  protected readonly api: AccountsApi;

  constructor(options: { storage?: SessionStorageLike | null; api?: AccountsApi } = {}) {
    this.storage = options.storage === undefined ? browserStorage() : options.storage;
    this.api = options.api ?? accountsApi;
    const stored = loadSession(this.storage);
    if (stored) this.apply(stored);
    this.persisted = stored !== null;
  }

  /**
   * Asks the server whether it accepts the current token: `valid`, `refused` (now signed out
   * with a message saying where the local data stays) or `unknown` (unreachable or failing,
   * signed in anew meanwhile, or signed out). Never rejects.
   */
  async checkToken(): Promise<'valid' | 'refused' | 'unknown'> {
    const token = this.token;
    const org = this.claims?.org;
    if (!token || !org) return 'unknown';
    try {
      await this.api.checkSession(token);
      return 'valid';
    } catch (error) {
      if (this.token !== token || !endsSession(error)) return 'unknown';
      this.end(refusedTokenMessage(org));
      return 'refused';
    }
  }

  /** Stops renewing (timers, failure count): the session is being forgotten. */
  protected abstract stopRenewing(): void;

  /** Takes a stored or received session as the current one. Expired tokens are kept (offline work). */
  protected apply(stored: StoredSession): void {
    const claims = decodeClaims(stored.accessToken);
    if (!claims || claims === 'incomplete') return;
    this.token = stored.accessToken;
    this.claims = claims;
    this.refreshToken = stored.refreshToken ?? null;
    this.renewable = this.refreshToken !== null;
    // The token's role and name are the server's latest word (a refresh reflects changes).
    this.user = stored.user ? { ...stored.user, role: claims.role, name: claims.name ?? stored.user.name } : null;
    this.notice = null;
    this.tokenError = null;
  }

  protected persist(): void {
    if (!this.token) return;
    const saved = saveSession(this.storage, {
      accessToken: this.token,
      ...(this.refreshToken ? { refreshToken: this.refreshToken } : {}),
      ...(this.user ? { user: this.user } : {})
    });
    this.persisted = saved;
    if (!saved && this.storage) {
      reportInfo('Signed in for this tab only', 'This browser did not let Fieldboard store your sign-in.', 'Allow site storage to stay signed in after a reload.', 'warning');
    }
  }

  /** Forgets the session here and in storage; local data (the offline board) stays. */
  protected end(notice: string | null): void {
    this.clear();
    clearSession(this.storage);
    this.persisted = false;
    this.notice = notice;
  }

  protected clear(): void {
    this.stopRenewing();
    this.token = null;
    this.claims = null;
    this.user = null;
    this.renewable = false;
    this.refreshToken = null;
  }

  /** Best effort: an unrevoked refresh token left on the server expires on its own. */
  protected revokeQuietly(refreshToken: string | null, tellWhenOffline = false): void {
    if (!refreshToken) return;
    this.api.logout(refreshToken).catch((error: unknown) => {
      if (!tellWhenOffline) return;
      if (isApiRequestError(error) && error.unreachable) {
        reportInfo(
          'Signed out on this device',
          'The server could not be told (no connection), so your login there stays valid until it expires.',
          'Sign in and out again when online to end it now.',
          'warning'
        );
      } else reportError(error, 'Signed out on this device, but the server could not end the login', 'warning');
    });
  }
}
