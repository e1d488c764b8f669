/**
 * Who is signed in on this device. The access token (and, for password logins, the refresh
 * token and the user) are kept in localStorage, so a reload while offline stays signed in
 * even after the access token expired: offline work never needs the server. Online, the
 * access token is refreshed before it expires; the relay verifies it on every connect.
 *
 * Invariants: one refresh in flight per device (single-flight in this tab, a Web Lock across
 * tabs, re-reading storage inside it, because a refresh token is spent on use and reusing a
 * spent one revokes the whole login); only a 401/403 from the server ends a session.
 */
import { endsSession, isApiRequestError } from '../api/api-error';
import { SESSION_ENDED_MESSAGE, keptDataNote } from '../api/describe-error';
import type { AuthSession, LoginRequest, SetupRequest } from '../domain/access/api-schemas';
import { reportError } from './errors.svelte';
import { decodeClaims, isOnline, readTokenClaims } from './token-reader';
import { watchDevice } from './device-signals';
import { MAX_TIMER_MS, MIN_REFRESH_INTERVAL_MS, refreshDelayMs, refreshDue, retryDelayMs } from './refresh-policy';
import { LAST_ORG_KEY, SESSION_STORAGE_KEY, loadSession } from './session-storage';
import { SessionState } from './session-state.svelte';

export { readTokenClaims } from './token-reader';

export type SignInResult = { ok: true } | { ok: false; error: string };

/**
 * What a refresh did: `refreshed` (new tokens in place), `ended` (the server ended the
 * login; signed out), `unavailable` (server unreachable or failing; still signed in, retried
 * later), `skipped` (offline, signed out, or a token-only session that cannot refresh).
 */
export type RefreshOutcome = 'refreshed' | 'ended' | 'unavailable' | 'skipped';

const REFRESH_LOCK = 'fieldboard.session.refresh';
/** A refusing relay triggers at most one refresh per this interval. */
const RELAY_RETRY_INTERVAL_MS = 30_000;

export class Session extends SessionState {
  #inflight: Promise<RefreshOutcome> | null = null;
  #failures = 0;
  #retryAfterSeconds: number | null = null;
  #lastAttemptAt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #relayAttemptAt = 0;
  #relayTimer: ReturnType<typeof setTimeout> | null = null;
  #started = false;
  #landing: string | null = null;

  /** Signs in with a pasted access token or a whole sign-in link (no refresh token). */
  signIn(token: string): SignInResult {
    const bare = token.includes('#token=') ? token.slice(token.indexOf('#token=') + 7) : token.trim();
    const read = readTokenClaims(bare);
    if (!read.ok) {
      this.tokenError = read.error;
      return read;
    }
    this.revokeQuietly(this.refreshToken);
    this.apply({ accessToken: bare });
    this.persist();
    return { ok: true };
  }

  /** Takes `#token=...` from a sign-in link; the caller strips the fragment from the URL. */
  consumeUrlToken(url: URL): boolean {
    const match = /(?:^#|&)token=([^&]+)/.exec(url.hash);
    if (!match?.[1]) return false;
    const accepted = this.signIn(decodeURIComponent(match[1])).ok;
    if (!accepted) this.tokenError = 'The sign-in link was not accepted: its token is malformed or has expired. Ask for a new link.';
    return accepted;
  }

  /** Password login. Rejects with an `ApiRequestError` (wrong credentials, disabled, offline…). */
  async signInWithPassword(request: LoginRequest): Promise<void> {
    this.#adopt(await this.api.login(request));
  }

  /** First-run setup: creates the organisation and its admin, signs the admin in, and lands on the board. */
  async completeSetup(request: SetupRequest): Promise<void> {
    const auth = await this.api.setup(request);
    // The board, where the work is (and "Load demo data" on an empty one); the team is added
    // from Settings › Users when the admin is ready.
    this.#landing = '/board';
    this.#adopt(auth);
  }

  /** Where to go after signing in, if a flow asked for a place (setup → the board); asked once. */
  takeLanding(): string | null {
    const landing = this.#landing;
    this.#landing = null;
    return landing;
  }

  /**
   * Signs this device out: forgets the tokens at once and asks the server to revoke the
   * refresh token. Local data (the offline copy of the board) stays unless erased separately.
   */
  signOut(options: { notice?: string } = {}): void {
    const refreshToken = this.refreshToken;
    this.end(options.notice ?? null);
    this.revokeQuietly(refreshToken, true);
  }

  /** Single-flight: concurrent callers share one request. Never rejects. */
  refresh(): Promise<RefreshOutcome> {
    this.#inflight ??= this.#refreshLocked().finally(() => {
      this.#inflight = null;
      this.refreshing = false;
      this.#plan();
    });
    return this.#inflight;
  }

  /**
   * The relay refused this device or keeps failing to connect while the browser is online:
   * the access token may be stale, revoked, or signed by another installation (the browser
   * cannot see a websocket's HTTP 401). Rate-limited: a renewable session refreshes (a 401
   * then signs out); a pasted token or sign-in link is checked with the server, and a token
   * the server refuses signs out with a message saying where the local data stays.
   */
  relayTrouble(): void {
    if (!this.token || !isOnline() || this.#relayTimer !== null) return;
    const wait = this.#relayAttemptAt + RELAY_RETRY_INTERVAL_MS - Date.now();
    const attempt = () => {
      this.#relayTimer = null;
      if (!this.token || !isOnline()) return;
      this.#relayAttemptAt = Date.now();
      if (this.renewable) this.#kick();
      else void this.checkToken();
    };
    if (wait <= 0) attempt();
    else this.#relayTimer = setTimeout(attempt, wait);
  }

  /** Starts renewing: now (app start, when online), on a timer, on `online` and when shown. Returns a stop function. */
  start(): () => void {
    if (this.#started || typeof window === 'undefined') return () => {};
    this.#started = true;
    const stop = watchDevice({
      // Back online or shown again (timers sleep with the phone): refresh if due, else re-plan.
      wake: () => {
        if (this.claims && (this.#failures > 0 || refreshDue(this.claims, Date.now()))) this.#kick();
        else this.#plan();
      },
      storageChanged: (key) => {
        if (key === SESSION_STORAGE_KEY || key === null) this.#followOtherTab();
      }
    });
    if (this.renewable && isOnline()) this.#kick();
    else this.#plan();
    return () => {
      this.#started = false;
      stop();
      this.#cancelTimer();
      this.#cancelRelayTimer();
    };
  }

  // ---------------------------------------------------------------- refresh

  #kick(): void {
    this.refresh().catch((error: unknown) => reportError(error, 'Could not renew your session'));
  }

  async #refreshLocked(): Promise<RefreshOutcome> {
    if (!this.refreshToken || !isOnline()) return 'skipped';
    this.refreshing = true;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    try {
      return locks ? await locks.request(REFRESH_LOCK, () => this.#refreshNow()) : await this.#refreshNow();
    } catch (error) {
      reportError(error, 'Could not renew your session');
      return 'unavailable';
    }
  }

  async #refreshNow(): Promise<RefreshOutcome> {
    // Another tab may have rotated the token (or signed out) while we waited for the lock.
    if (this.persisted) {
      const stored = loadSession(this.storage);
      if (!stored) {
        this.clear();
        return 'ended';
      }
      if (stored.refreshToken !== this.refreshToken) {
        this.apply(stored);
        return stored.refreshToken ? 'refreshed' : 'skipped';
      }
    }
    const sent = this.refreshToken;
    if (!sent) return 'skipped';
    this.#lastAttemptAt = Date.now();
    let pair: { accessToken: string; refreshToken: string };
    try {
      pair = await this.api.refresh(sent);
    } catch (error) {
      if (this.refreshToken !== sent) return 'skipped';
      if (endsSession(error)) {
        // Nothing to revoke: the server already ended this login.
        const org = this.claims?.org;
        this.end(org ? `${SESSION_ENDED_MESSAGE} ${keptDataNote(org)}` : SESSION_ENDED_MESSAGE);
        return 'ended';
      }
      this.#failures += 1;
      this.#retryAfterSeconds = isApiRequestError(error) ? error.retryAfterSeconds : null;
      if (!isApiRequestError(error) || !error.unreachable) reportError(error, 'Could not renew your session', 'warning');
      return 'unavailable';
    }
    if (this.refreshToken !== sent) {
      // Signed out (or in anew) while the request was out: this new login must not linger.
      this.revokeQuietly(pair.refreshToken);
      return 'skipped';
    }
    const renewed = decodeClaims(pair.accessToken);
    if (renewed === null || renewed === 'incomplete') {
      this.#failures += 1;
      reportError(new Error('the renewed access token is malformed'), 'Could not renew your session', 'warning');
      return 'unavailable';
    }
    this.#failures = 0;
    this.#retryAfterSeconds = null;
    this.apply({ accessToken: pair.accessToken, refreshToken: pair.refreshToken, ...(this.user ? { user: this.user } : {}) });
    this.persist();
    return 'refreshed';
  }

  #plan(): void {
    this.#cancelTimer();
    if (!this.#started || !this.renewable || !this.claims) return;
    const now = Date.now();
    const due = this.#failures > 0 ? this.#lastAttemptAt + retryDelayMs(this.#failures, this.#retryAfterSeconds) - now : refreshDelayMs(this.claims, now);
    const delay = Math.max(due, this.#lastAttemptAt + MIN_REFRESH_INTERVAL_MS - now, 0);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      if (delay > MAX_TIMER_MS) this.#plan();
      else if (isOnline()) this.#kick();
      // Offline: the `online` listener picks it up.
    }, Math.min(delay, MAX_TIMER_MS));
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #cancelRelayTimer(): void {
    if (this.#relayTimer !== null) clearTimeout(this.#relayTimer);
    this.#relayTimer = null;
  }

  // ---------------------------------------------------------------- state

  protected stopRenewing(): void {
    this.#cancelTimer();
    this.#cancelRelayTimer();
    this.#failures = 0;
  }

  #adopt(auth: AuthSession): void {
    this.revokeQuietly(this.refreshToken);
    this.#failures = 0;
    this.apply({ accessToken: auth.accessToken, refreshToken: auth.refreshToken, user: auth.user });
    this.persist();
    try {
      this.storage?.setItem(LAST_ORG_KEY, auth.user.org);
    } catch {
      // Only a convenience for the next sign-in.
    }
    this.#plan();
  }

  /** Another tab signed in, out, or rotated the tokens: follow it. */
  #followOtherTab(): void {
    const stored = loadSession(this.storage);
    this.persisted = stored !== null;
    if (!stored) {
      if (this.token) this.clear();
      return;
    }
    if (stored.accessToken === this.token && (stored.refreshToken ?? null) === this.refreshToken) return;
    this.apply(stored);
    this.#plan();
  }

}

export const session = new Session();
