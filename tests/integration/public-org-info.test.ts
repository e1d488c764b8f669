/** `GET /api/public/orgs/<org>`: the public request form names the organisation as it was set up. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicOrgInfoPath, publicOrgInfoSchema } from '../../src/lib/domain/intake/public-request';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';

describe('public organisation info', () => {
  let relay: RelayProcess;
  let api: ApiClient;

  beforeAll(async () => {
    relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    api = new ApiClient(relay.httpUrl);
    const setup = await api.setup({ ...DEFAULT_ADMIN, org: 'rossi-sons', orgName: 'Rossi & Sons Heating' });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('answers the name given at setup, "&" and all, without signing in', async () => {
    const res = await api.call('GET', publicOrgInfoPath('rossi-sons'), publicOrgInfoSchema);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ org: 'rossi-sons', name: 'Rossi & Sons Heating' });
  });

  it('answers 404 for an organisation that was never set up or an invalid slug, 405 for other methods', async () => {
    expect((await api.call('GET', publicOrgInfoPath('nobody-here'), publicOrgInfoSchema)).status).toBe(404);
    expect((await api.call('GET', '/api/public/orgs/Not%20A%20Slug', publicOrgInfoSchema)).status).toBe(404);
    expect((await api.call('GET', '/api/public/orgs/%E0%A4%A', publicOrgInfoSchema)).status).toBe(400);
    expect((await api.call('POST', publicOrgInfoPath('rossi-sons'), null, {})).status).toBe(405);
  });
});
