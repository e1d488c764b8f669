/** `GET /api/auth/session`: the browser's way to learn whether this server accepts its token. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PATHS, sessionCheckSchema } from '../../src/lib/domain/access/api-schemas';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeExpiredToken, makeForgedToken, makeToken } from '../helpers/tokens';

describe('session check', () => {
  let relay: RelayProcess;
  let api: ApiClient;

  beforeAll(async () => {
    relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    api = new ApiClient(relay.httpUrl);
  });
  afterAll(async () => {
    await relay.kill();
  });

  const check = (token: string | undefined) => api.call('GET', API_PATHS.session, sessionCheckSchema, undefined, token);

  it('accepts a token this server signed and names who it is, with the stored role', async () => {
    const setup = await api.setup();
    expect(setup.status).toBe(201);
    const res = await check(setup.body?.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ org: DEFAULT_ADMIN.org, sub: setup.body?.user.id, role: 'admin' });
    const operator = await check(await makeToken(relay.dataDir, { org: 'acme', role: 'wallboard', sub: 'screen-1' }));
    expect(operator.body).toEqual({ org: 'acme', sub: 'screen-1', role: 'wallboard' });
  });

  it('refuses with 401 a token signed by another installation, an expired one, a missing one, and an unknown user', async () => {
    const forged = await check(await makeForgedToken({ org: 'acme', role: 'admin', sub: 'ada' }));
    expect(forged.status).toBe(401);
    expect(forged.error?.code).toBe('unauthorized');
    expect((await check(await makeExpiredToken(relay.dataDir, { org: 'acme', role: 'admin' }))).status).toBe(401);
    expect((await check(undefined)).status).toBe(401);
    expect((await check(await makeToken(relay.dataDir, { org: 'acme', role: 'admin', sub: 'usr_gone' }))).status).toBe(401);
  });
});
