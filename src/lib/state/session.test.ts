import { describe, expect, it } from 'vitest';
import { AccountsApi } from '../api/accounts-api';
import { ApiClient } from '../api/api-client';
import { SESSION_ENDED_MESSAGE, refusedTokenMessage } from '../api/describe-error';
import { Session } from './session.svelte';
import { SESSION_STORAGE_KEY, type SessionStorageLike } from './session-storage';

class MemoryStorage implements SessionStorageLike {
  readonly values = new Map<string, string>();
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
let serial = 0;
/** An unsigned JWT with Fieldboard claims (the browser never verifies signatures). */
function jwt(overrides: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  serial += 1;
  return `${b64({ alg: 'HS256' })}.${b64({ sub: 'usr_ana', org: 'acme', role: 'admin', name: 'Ana', iat: now, exp: now + 900, jti: serial, ...overrides })}.sig`;
}

const USER = { id: 'usr_ana', org: 'acme', email: 'ana@acme.test', name: 'Ana', role: 'admin', disabled: false, createdAt: '2026-01-01T00:00:00Z' };

/** A fake server: rotating refresh tokens, and switches to fail in the ways the real one does. */
function fakeServer() {
  const state = { refreshCalls: 0, logoutCalls: [] as string[], refreshStatus: 200, sessionStatus: 200, sessionChecks: 0, down: false, valid: new Set<string>(['r0']), next: 1 };
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    if (state.down) throw new TypeError('Failed to fetch');
    const url = String(input);
    const body = JSON.parse(String(init.body ?? '{}')) as { refreshToken?: string };
    const reply = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/api/auth/login')) return reply(200, { accessToken: jwt(), refreshToken: 'r0', user: USER });
    if (url.endsWith('/api/auth/logout')) {
      state.logoutCalls.push(body.refreshToken ?? '');
      return new Response(null, { status: 204 });
    }
    if (url.endsWith('/api/auth/session')) {
      state.sessionChecks += 1;
      if (state.sessionStatus !== 200) return reply(state.sessionStatus, { error: { code: 'unauthorized', message: 'sign in again (invalid token)' } });
      return reply(200, { org: 'acme', sub: 'usr_ana', role: 'admin' });
    }
    if (url.endsWith('/api/auth/refresh')) {
      state.refreshCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (state.refreshStatus !== 200 || !state.valid.has(body.refreshToken ?? '')) {
        return reply(401, { error: { code: 'invalid_refresh_token', message: 'the session has ended' } });
      }
      state.valid.delete(body.refreshToken ?? '');
      const next = `r${state.next++}`;
      state.valid.add(next);
      return reply(200, { accessToken: jwt({ name: 'Ana Renewed' }), refreshToken: next });
    }
    return reply(404, { error: { code: 'not_found', message: 'no' } });
  };
  const api = new AccountsApi(new ApiClient({ fetch, isOnline: () => true }));
  return { state, api };
}

async function signedIn(storage = new MemoryStorage()) {
  const server = fakeServer();
  const session = new Session({ storage, api: server.api });
  await session.signInWithPassword({ org: 'acme', email: 'ana@acme.test', password: 'correct horse battery' });
  return { session, server, storage };
}

describe('Session', () => {
  it('keeps a password login across a reload: tokens and user come back from storage', async () => {
    const { session, storage } = await signedIn();
    expect(session.renewable).toBe(true);
    const reloaded = new Session({ storage, api: fakeServer().api });
    expect(reloaded.token).toBe(session.token);
    expect(reloaded.claims?.org).toBe('acme');
    expect(reloaded.user?.email).toBe('ana@acme.test');
    expect(reloaded.renewable).toBe(true);
  });

  it('shares one refresh request between concurrent callers and stores the rotated pair', async () => {
    const { session, server, storage } = await signedIn();
    const before = session.token;
    const outcomes = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(outcomes).toEqual(['refreshed', 'refreshed', 'refreshed']);
    expect(server.state.refreshCalls).toBe(1);
    expect(session.token).not.toBe(before);
    expect(session.claims?.name).toBe('Ana Renewed');
    expect(storage.getItem(SESSION_STORAGE_KEY)).toContain('"refreshToken":"r1"');
  });

  it('signs out with a message when the server ends the login, and forgets the tokens', async () => {
    const { session, server, storage } = await signedIn();
    server.state.refreshStatus = 401;
    await expect(session.refresh()).resolves.toBe('ended');
    expect(session.claims).toBeNull();
    expect(session.notice).toContain(SESSION_ENDED_MESSAGE);
    expect(session.notice).toContain('IndexedDB');
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('stays signed in when the server cannot be reached, even with an expired access token', async () => {
    const storage = new MemoryStorage();
    const expired = jwt({ iat: 1, exp: 2 });
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ v: 2, accessToken: expired, refreshToken: 'r0', user: USER }));
    const server = fakeServer();
    server.state.down = true;
    const session = new Session({ storage, api: server.api });
    expect(session.claims?.sub).toBe('usr_ana');
    await expect(session.refresh()).resolves.toBe('unavailable');
    expect(session.token).toBe(expired);
    expect(storage.getItem(SESSION_STORAGE_KEY)).not.toBeNull();
  });

  it('adopts tokens another tab already rotated instead of spending the old refresh token again', async () => {
    const { session: first, server, storage } = await signedIn();
    const second = new Session({ storage, api: server.api });
    await first.refresh();
    await expect(second.refresh()).resolves.toBe('refreshed');
    expect(server.state.refreshCalls).toBe(1);
    expect(second.token).toBe(first.token);
    // And the adopted refresh token is the live one: the next refresh works.
    await expect(second.refresh()).resolves.toBe('refreshed');
  });

  it('treats a session another tab signed out of as ended, without a server call', async () => {
    const { session: first, server, storage } = await signedIn();
    const second = new Session({ storage, api: server.api });
    first.signOut();
    await expect(second.refresh()).resolves.toBe('ended');
    expect(second.claims).toBeNull();
    expect(server.state.refreshCalls).toBe(0);
  });

  it('revokes the refresh token on sign-out', async () => {
    const { session, server } = await signedIn();
    session.signOut();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.state.logoutCalls).toEqual(['r0']);
    expect(session.token).toBeNull();
  });

  it('signs in with a pasted token that cannot renew itself', async () => {
    const server = fakeServer();
    const session = new Session({ storage: new MemoryStorage(), api: server.api });
    expect(session.signIn(jwt({ sub: 'operator', role: 'wallboard' }))).toEqual({ ok: true });
    expect(session.renewable).toBe(false);
    await expect(session.refresh()).resolves.toBe('skipped');
    expect(server.state.refreshCalls).toBe(0);
  });

  it('refuses a malformed or expired pasted token with a reason', () => {
    const session = new Session({ storage: new MemoryStorage(), api: fakeServer().api });
    expect(session.signIn('not-a-token')).toMatchObject({ ok: false });
    expect(session.tokenError).toMatch(/not a Fieldboard access token/);
    expect(session.signIn(jwt({ iat: 1, exp: 2 }))).toMatchObject({ ok: false, error: expect.stringMatching(/expired/) });
    expect(session.claims).toBeNull();
  });

  it('signs a pasted token out with a message naming where the data stays when the server refuses it', async () => {
    const storage = new MemoryStorage();
    const server = fakeServer();
    server.state.sessionStatus = 401;
    const session = new Session({ storage, api: server.api });
    expect(session.signIn(jwt({ sub: 'operator' })).ok).toBe(true);
    session.relayTrouble();
    await waitFor(() => session.claims === null);
    expect(server.state.sessionChecks).toBe(1);
    expect(session.notice).toBe(refusedTokenMessage('acme'));
    expect(session.notice).toMatch(/not valid for this server.*IndexedDB.*acme/s);
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('keeps a pasted token when the server accepts it or cannot be reached', async () => {
    const server = fakeServer();
    const session = new Session({ storage: new MemoryStorage(), api: server.api });
    session.signIn(jwt({ sub: 'operator' }));
    await expect(session.checkToken()).resolves.toBe('valid');
    server.state.down = true;
    await expect(session.checkToken()).resolves.toBe('unknown');
    expect(session.claims?.sub).toBe('operator');
    expect(session.notice).toBeNull();
  });
});

/** Polls a condition (the fake server answers asynchronously); fails after a generous deadline. */
async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
