/**
 * TRUST_PROXY: X-Forwarded-For decides the client address (sign-in and public-form
 * throttles) only when the request comes from a configured proxy; from anyone else the
 * header is ignored, so a client cannot choose its own throttling key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { API_PATHS } from '../../src/lib/domain/access/api-schemas';
import { publicRequestPath } from '../../src/lib/domain/intake/public-request';
import { FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';

const relays: RelayProcess[] = [];
afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.kill()));
});

async function relayWith(env: Record<string, string>): Promise<RelayProcess> {
  const relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, LOGIN_IP_MAX_ATTEMPTS: '3', PUBLIC_REQUESTS_PER_MINUTE: '2', ...env } });
  relays.push(relay);
  return relay;
}

/** Status of a sign-in (for an org that does not exist: 401 unless throttled) with the given XFF. */
async function loginFrom(relay: RelayProcess, forwardedFor: string, email: string): Promise<number> {
  const res = await fetch(`${relay.httpUrl}${API_PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ org: 'acme', email, password: 'not the password' })
  });
  await res.arrayBuffer();
  return res.status;
}

/** Status of an (empty, so invalid) public-form submission: 400 unless throttled. */
async function requestFrom(relay: RelayProcess, forwardedFor: string): Promise<number> {
  const res = await fetch(`${relay.httpUrl}${publicRequestPath('nobody-here')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: '{}'
  });
  await res.arrayBuffer();
  return res.status;
}

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    // The test talks from 127.0.0.1; only 10.0.0.0/8 is trusted.
    const relay = await relayWith({ TRUST_PROXY: '10.0.0.0/8' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await loginFrom(relay, `203.0.113.${i}`, `user-${i}@acme.test`));
    expect(statuses).toEqual([401, 401, 401, 429]); // all one client: 127.0.0.1
    expect([await requestFrom(relay, '198.51.100.1'), await requestFrom(relay, '198.51.100.2'), await requestFrom(relay, '198.51.100.3')]).toEqual([
      400, 400, 429
    ]);
  });

  it('ignores X-Forwarded-For when TRUST_PROXY is unset', async () => {
    const relay = await relayWith({});
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await loginFrom(relay, `203.0.113.${i}`, `user-${i}@acme.test`));
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('uses the client address a trusted proxy forwards, for sign-in and the public form', async () => {
    const relay = await relayWith({ TRUST_PROXY: 'loopback' });
    const spread = [];
    for (let i = 0; i < 5; i++) spread.push(await loginFrom(relay, `203.0.113.${i}`, `user-${i}@acme.test`));
    expect(spread).toEqual([401, 401, 401, 401, 401]); // five clients, one attempt each

    // One client behind the proxy is limited on its own, whatever it puts left of the proxy's entry.
    const one = [];
    for (let i = 0; i < 4; i++) one.push(await loginFrom(relay, `6.6.6.${i}, 198.51.100.7`, `other-${i}@acme.test`));
    expect(one).toEqual([401, 401, 401, 429]);
    expect(await loginFrom(relay, '198.51.100.8', 'other-9@acme.test')).toBe(401);

    expect([await requestFrom(relay, '192.0.2.1'), await requestFrom(relay, '192.0.2.1'), await requestFrom(relay, '192.0.2.1')]).toEqual([400, 400, 429]);
    expect(await requestFrom(relay, '192.0.2.2')).toBe(400);
  });

  it('refuses to start with an entry that is not an address or CIDR', async () => {
    await expect(startRelay({ env: { TRUST_PROXY: 'loopback, my-proxy.example' } })).rejects.toThrow(/TRUST_PROXY: "my-proxy\.example"/);
  });
});
