/**
 * Who is signed in on this device. The access token is kept in localStorage so a reload
 * while offline stays signed in; the relay verifies it on every connect.
 */
import { decodeJwt } from 'jose';
import { tokenClaimsSchema, type TokenClaims } from '../domain/access/token-claims';

const STORAGE_KEY = 'fieldboard.session';

export type SignInResult = { ok: true } | { ok: false; error: string };

/** Reads and validates a token's claims without verifying its signature (the relay does that). */
export function readTokenClaims(token: string, now = Date.now()): { ok: true; claims: TokenClaims } | { ok: false; error: string } {
  let payload: unknown;
  try {
    payload = decodeJwt(token.trim());
  } catch {
    return { ok: false, error: 'That is not a Fieldboard access token. Paste the whole token or sign-in link.' };
  }
  const parsed = tokenClaimsSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, error: 'This token is missing its organisation, role or expiry.' };
  if (parsed.data.exp * 1000 <= now) {
    return { ok: false, error: `This token expired on ${new Date(parsed.data.exp * 1000).toLocaleString()}. Ask an admin for a new one.` };
  }
  return { ok: true, claims: parsed.data };
}

class Session {
  token = $state<string | null>(null);
  claims = $state<TokenClaims | null>(null);

  constructor() {
    this.#restore();
  }

  signIn(token: string): SignInResult {
    // Accept a whole sign-in link as well as a bare token.
    const bare = token.includes('#token=') ? token.slice(token.indexOf('#token=') + 7) : token.trim();
    const read = readTokenClaims(bare);
    if (!read.ok) return read;
    this.token = bare;
    this.claims = read.claims;
    try {
      localStorage.setItem(STORAGE_KEY, bare);
    } catch {
      // Private mode: signed in for this tab only.
    }
    return { ok: true };
  }

  signOut(): void {
    this.token = null;
    this.claims = null;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }

  /** Takes `#token=...` from a sign-in link; the caller strips the fragment from the URL. */
  consumeUrlToken(url: URL): boolean {
    const match = /(?:^#|&)token=([^&]+)/.exec(url.hash);
    if (!match?.[1]) return false;
    return this.signIn(decodeURIComponent(match[1])).ok;
  }

  #restore(): void {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(STORAGE_KEY);
    } catch {
      return;
    }
    if (!saved) return;
    // An expired token is kept: offline work goes on, and the relay asks for a new one.
    let payload: unknown;
    try {
      payload = decodeJwt(saved);
    } catch {
      return;
    }
    const parsed = tokenClaimsSchema.safeParse(payload);
    if (!parsed.success) return;
    this.token = saved;
    this.claims = parsed.data;
  }
}

export const session = new Session();
