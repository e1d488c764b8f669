import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client';
import { LinkApi } from '../api/link-api';
import type { LinkSummary } from '../domain/quotes/document-link';
import { TEST_NOW } from '../../../tests/clock';
import { CustomerLinkList, NEEDS_SERVER } from './customer-links.svelte';

const at = (days: number) => new Date(TEST_NOW.getTime() + days * 86_400_000).toISOString();
const summary = (id: string, over: Partial<LinkSummary> = {}): LinkSummary => ({ id, kind: 'quote', doc: 'q1', mintedAt: at(0), mintedBy: 'u-ann', mintedByName: 'Ann', expiresAt: at(30), revokedAt: null, revokedByName: null, status: 'active', ...over });
const signedIn = <T>(call: (token: string) => Promise<T>) => call('access-token');

/** A LinkApi over a fake fetch that records requests and answers from `answer`. */
function fakeServer(answer: (method: string, url: string, body: unknown) => Response) {
  const requests: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const url = String(input);
    requests.push({ method: init?.method ?? 'GET', url, body, auth: new Headers(init?.headers).get('authorization') });
    return answer(init?.method ?? 'GET', url, body);
  };
  return { api: new LinkApi(new ApiClient({ fetch: fetchFn, isOnline: () => true })), requests };
}
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('CustomerLinkList (the Links list on a quote or invoice)', () => {
  it('lists the document’s links and revokes one, then all, showing the server’s list afterwards', async () => {
    const server = fakeServer((method, _url, body) => {
      if (method === 'GET') return json(200, { links: [summary('l2'), summary('l1')] });
      if ((body as { linkId?: string }).linkId) return json(200, { revoked: 1, links: [summary('l2', { status: 'revoked', revokedAt: at(1), revokedByName: 'Ben' }), summary('l1')] });
      return json(200, { revoked: 1, links: [summary('l2', { status: 'revoked' }), summary('l1', { status: 'revoked' })] });
    });
    const list = new CustomerLinkList('quote', 'q 1', server.api, signedIn);
    await list.load();
    expect(list.phase).toBe('ready');
    expect(list.links.map((l) => l.id)).toEqual(['l2', 'l1']);
    expect(list.activeCount).toBe(2);
    expect(server.requests[0]).toMatchObject({ method: 'GET', auth: 'Bearer access-token' });
    expect(new URL(server.requests[0]!.url, 'http://x').searchParams.get('id')).toBe('q 1');

    expect(await list.revoke('l2')).toBeNull();
    expect(server.requests[1]).toMatchObject({ method: 'POST', body: { linkId: 'l2' } });
    expect(list.links[0]).toMatchObject({ status: 'revoked', revokedByName: 'Ben' });
    expect(list.activeCount).toBe(1);

    expect(await list.revokeAll()).toBeNull();
    expect(server.requests[2]).toMatchObject({ method: 'POST', body: { kind: 'quote', id: 'q 1', all: true } });
    expect(list.activeCount).toBe(0);
  });

  it('says it needs the server when offline, and keeps the list it has when a revocation cannot be sent', async () => {
    let online = false;
    const server = fakeServer(() => {
      if (!online) throw new TypeError('Failed to fetch');
      return json(200, { links: [summary('l1')] });
    });
    const list = new CustomerLinkList('invoice', 'i1', server.api, signedIn);
    await list.load();
    expect(list.phase).toBe('needs-server');
    expect(list.message).toBe(NEEDS_SERVER);
    online = true;
    await list.load();
    expect(list.phase).toBe('ready');
    online = false;
    expect(await list.revoke('l1')).toBe(NEEDS_SERVER);
    expect(list.links).toEqual([summary('l1')]);
  });

  it('shows the server’s refusal (a manager cannot revoke)', async () => {
    const server = fakeServer(() => json(403, { error: { code: 'forbidden', message: 'only admins and dispatchers revoke customer links' } }));
    const list = new CustomerLinkList('quote', 'q1', server.api, signedIn);
    const message = await list.revoke('l1');
    expect(message).toBeTruthy();
    expect(list.message).toBe(message);
  });
});
