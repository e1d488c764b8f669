/** Setup, sign-in, refresh rotation and user administration over the real HTTP API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';

describe('accounts API', () => {
  let relay: RelayProcess;
  let api: ApiClient;
  let adminToken: string;

  beforeAll(async () => {
    relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, LOGIN_MAX_ATTEMPTS: '4' } });
    api = new ApiClient(relay.httpUrl);
  });
  afterAll(async () => {
    await relay.kill();
  });

  const login = (email: string, password: string, org = 'acme') => api.login({ org, email, password });

  it('validates the setup body and answers 400 with a message per field', async () => {
    const res = await api.setup({ ...DEFAULT_ADMIN, org: 'Not A Slug', password: 'short', adminEmail: 'nope' });
    expect(res.status).toBe(400);
    expect(res.error?.code).toBe('invalid_request');
    expect(Object.keys(res.error?.fields ?? {}).sort()).toEqual(['adminEmail', 'org', 'password']);
    expect((await api.call('POST', '/api/setup', null, '{not json')).error?.code).toBe('invalid_request');
    expect((await api.setupStatus()).body).toEqual({ needed: true });
  });

  it('sets up the organisation once: 201 with a session, then 409 and needed=false', async () => {
    const first = await api.setup();
    expect(first.status).toBe(201);
    expect(first.body?.user).toMatchObject({ org: 'acme', email: 'ada@acme.test', name: 'Ada Admin', role: 'admin', disabled: false });
    adminToken = first.body?.accessToken as string;
    expect((await api.setupStatus()).body).toEqual({ needed: false });
    const again = await api.setup({ ...DEFAULT_ADMIN, org: 'other' });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('already_set_up');
  });

  it('signs in with the right password and gives one answer for an unknown email and a wrong password', async () => {
    const ok = await login('ADA@acme.test ', DEFAULT_ADMIN.password);
    expect(ok.status).toBe(200);
    expect(ok.body?.user.email).toBe('ada@acme.test');
    const wrong = await login('ada@acme.test', 'not the password');
    const unknown = await login('nobody@acme.test', DEFAULT_ADMIN.password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.error).toEqual(wrong.error);
    expect(wrong.error?.code).toBe('invalid_credentials');
  });

  it('rate-limits sign-in per IP and email with 429 and Retry-After, leaving other emails alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login('victim@acme.test', `guess-${i}-xxxxx`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await login('victim@acme.test', 'whatever-password');
    expect(limited.error?.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('ada@acme.test', DEFAULT_ADMIN.password)).status).toBe(200);
  });

  it('rotates the refresh token and revokes the whole family when a spent one is reused', async () => {
    const session = (await login('ada@acme.test', DEFAULT_ADMIN.password)).body!;
    const second = await api.refresh(session.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body?.refreshToken).not.toBe(session.refreshToken);
    const third = await api.refresh(second.body!.refreshToken);
    expect(third.status).toBe(200);
    // The first token is spent: presenting it again is a theft signal.
    const reuse = await api.refresh(session.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.error?.code).toBe('invalid_refresh_token');
    expect((await api.refresh(third.body!.refreshToken)).status).toBe(401);
    expect((await api.refresh('made-up-token')).status).toBe(401);
  });

  it('ends the session on logout (204) so its refresh token stops working', async () => {
    const session = (await login('ada@acme.test', DEFAULT_ADMIN.password)).body!;
    expect((await api.logout(session.refreshToken)).status).toBe(204);
    expect((await api.refresh(session.refreshToken)).status).toBe(401);
  });

  it('lets an admin create, list and update users, with 409 for a taken email', async () => {
    const created = await api.createUser(adminToken, { email: 'tess@acme.test', name: 'Tess Tech', role: 'technician', password: 'tess-password-1' });
    expect(created.status).toBe(201);
    const tess = created.body!.user;
    expect(tess).toMatchObject({ org: 'acme', role: 'technician', disabled: false });
    const dup = await api.createUser(adminToken, { email: 'TESS@acme.test', name: 'Other', role: 'manager', password: 'another-password' });
    expect(dup.status).toBe(409);
    expect(dup.error?.code).toBe('email_taken');

    const listed = await api.listUsers(adminToken);
    expect(listed.body?.users.map((u) => u.email).sort()).toEqual(['ada@acme.test', 'tess@acme.test']);
    expect(JSON.stringify(listed.body)).not.toContain('scrypt'); // hashes never leave the server

    const renamed = await api.updateUser(adminToken, tess.id, { name: 'Tess T.', role: 'dispatcher' });
    expect(renamed.body?.user).toMatchObject({ name: 'Tess T.', role: 'dispatcher' });
    expect((await api.updateUser(adminToken, tess.id, {})).status).toBe(400);
    expect((await api.updateUser(adminToken, 'usr_missing', { name: 'x' })).status).toBe(404);
  });

  it('keeps user administration to admins of the same org (401 without a token, 403 otherwise)', async () => {
    expect((await api.listUsers(undefined)).status).toBe(401);
    expect((await api.listUsers('garbage')).error?.code).toBe('unauthorized');
    await api.createUser(adminToken, { email: 'dan@acme.test', name: 'Dan', role: 'dispatcher', password: 'dan-password-1' });
    const dan = (await login('dan@acme.test', 'dan-password-1')).body!;
    const forbidden = await api.listUsers(dan.accessToken);
    expect(forbidden.status).toBe(403);
    expect(forbidden.error?.code).toBe('forbidden');
    // An operator admin token of another org sees none of acme's users.
    const otherOrg = await makeToken(relay.dataDir, { org: 'globex', role: 'admin', sub: 'operator' });
    expect((await api.listUsers(otherOrg)).body?.users).toEqual([]);
    expect((await api.updateUser(otherOrg, dan.user.id, { name: 'hijack' })).status).toBe(404);
  });

  it('refuses to disable or demote the last active admin (409 last_admin)', async () => {
    const admin = (await login('ada@acme.test', DEFAULT_ADMIN.password)).body!.user;
    expect((await api.updateUser(adminToken, admin.id, { disabled: true })).error?.code).toBe('last_admin');
    expect((await api.updateUser(adminToken, admin.id, { role: 'manager' })).error?.code).toBe('last_admin');
  });

  it('resets a password: the old one and the user’s refresh tokens stop working, the new one signs in', async () => {
    const created = await api.createUser(adminToken, { email: 'rita@acme.test', name: 'Rita', role: 'technician', password: 'rita-password-1' });
    const rita = (await login('rita@acme.test', 'rita-password-1')).body!;
    expect((await api.resetPassword(adminToken, created.body!.user.id, 'rita-password-2')).status).toBe(204);
    expect((await api.refresh(rita.refreshToken)).status).toBe(401);
    expect((await login('rita@acme.test', 'rita-password-1')).status).toBe(401);
    expect((await login('rita@acme.test', 'rita-password-2')).status).toBe(200);
    expect((await api.resetPassword(adminToken, created.body!.user.id, 'short')).error?.fields?.password).toBeTruthy();
  });

  it('answers unsupported methods with 405, unknown routes with 404, non-JSON bodies with 415', async () => {
    const put = await api.call('PUT', '/api/setup', null, {});
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    expect((await api.call('GET', '/api/nope', null)).error?.code).toBe('not_found');
    const res = await fetch(`${relay.httpUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(res.status).toBe(415);
    const big = await api.call('POST', '/api/auth/login', null, { org: 'acme', email: 'a@b.c', password: 'x'.repeat(40_000) });
    expect(big.status).toBe(413);
  });
});
