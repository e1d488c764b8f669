/**
 * The signed-in session as kept in localStorage: the access token, and for password logins
 * the refresh token and the user. Read through a schema (storage is outside our control:
 * older app versions, other tabs, a user's devtools). A bare JWT string is the format of
 * the token-only sign-in of earlier versions and is still accepted.
 */
import { z } from 'zod';
import { userSchema, type User } from '../domain/access/api-schemas';

export const SESSION_STORAGE_KEY = 'fieldboard.session';
/** The organisation last signed in to, to prefill the sign-in form. Not a secret. */
export const LAST_ORG_KEY = 'fieldboard.lastOrg';

const storedSessionSchema = z.object({
  v: z.literal(2),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  user: userSchema.optional()
});

export interface StoredSession {
  accessToken: string;
  /** Absent for sessions started from a pasted token or sign-in link (no refresh). */
  refreshToken?: string;
  user?: User;
}

export interface SessionStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** localStorage when usable (private modes may throw), else null: the session lives in memory. */
export function browserStorage(): SessionStorageLike | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function parseStoredSession(raw: string | null): StoredSession | null {
  if (!raw) return null;
  const text = raw.trim();
  if (!text.startsWith('{')) return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(text) ? { accessToken: text } : null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = storedSessionSchema.safeParse(json);
  if (!parsed.success) return null;
  const { accessToken, refreshToken, user } = parsed.data;
  return { accessToken, ...(refreshToken ? { refreshToken } : {}), ...(user ? { user } : {}) };
}

export function serializeSession(session: StoredSession): string {
  return JSON.stringify({ v: 2, ...session });
}

export function loadSession(storage: SessionStorageLike | null): StoredSession | null {
  try {
    return parseStoredSession(storage?.getItem(SESSION_STORAGE_KEY) ?? null);
  } catch {
    return null;
  }
}

/** Returns false when the browser refused to store it (private mode, quota). */
export function saveSession(storage: SessionStorageLike | null, session: StoredSession): boolean {
  if (!storage) return false;
  try {
    storage.setItem(SESSION_STORAGE_KEY, serializeSession(session));
    return true;
  } catch {
    return false;
  }
}

export function clearSession(storage: SessionStorageLike | null): void {
  try {
    storage?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing was stored.
  }
}
