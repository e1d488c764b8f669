/**
 * Revoking customer links against the real relay process (follow-up of issue 10): a minted link
 * is recorded with who minted it; the office lists a document's links and revokes one or all;
 * a revoked link's page and its accept/decline are refused with "withdrawn by <company>" and
 * nothing is written (no answer, no job, no signature blob); only admins and dispatchers revoke,
 * only in their organisation; revocations survive a SIGKILL of the relay; links minted before
 * the register existed (no id) still work until they expire.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecret } from '../../server/auth/tokens';
import { mintLink } from '../../server/auth/document-links';
import type { Role } from '../../src/lib/domain/access/roles';
import { linkDocumentSchema, linkListResponseSchema, mintLinkResponseSchema, publicLinkPath, revokeLinkResponseSchema } from '../../src/lib/domain/quotes/document-link';
import { quoteJobId } from '../../src/lib/domain/quotes/quote-job';
import { orgDay } from '../../src/lib/domain/receivables/records';
import type { Workspace } from '../../src/lib/sync/workspace';
import { TEST_TIME_ZONE } from '../clock';
import { ApiClient, DEFAULT_ADMIN } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeLink, makeToken } from '../helpers/tokens';
import { until } from './support/clients';
import { openWorkspace } from './support/workspaces';

const ORG = 'revokeco';
const ORG_NAME = 'Revoke & Co Heating';
/** A 1×1 PNG: the signature a refused acceptance sends (its blob must not be stored). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG_SHA256 = createHash('sha256').update(Buffer.from(PNG, 'base64')).digest('hex');
/** The link id a token carries (its `jti`). */
const idOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as { jti: string }).jti;
const WITHDRAWN = `This link was withdrawn by ${ORG_NAME}. Please ask them for a new one.`;

/** The relay judges quotes' validity by its own (real) clock. */
const realToday = () => orgDay(new Date(), TEST_TIME_ZONE);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('revoking customer links', () => {
  let relay: RelayProcess;
  let office: Workspace;
  /** The admin made at setup: links minted with this token name "Ada Admin". */
  let adminToken: string;

  const tokenOf = (role: Role, org = ORG) => makeToken(relay.dataDir, { org, role, sub: `${role}-1`, name: 'Dina' });
  const api = async (method: 'GET' | 'POST', path: string, token: string, body?: unknown) =>
    fetch(`${relay.httpUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const mint = async (id: string, kind: 'quote' | 'invoice' = 'quote') => {
    const res = await api('POST', '/api/links', adminToken, { kind, id });
    expect(res.status).toBe(201);
    return mintLinkResponseSchema.parse(await res.json()).token;
  };
  const list = async (id: string, token = adminToken) => linkListResponseSchema.parse(await (await api('GET', `/api/links?kind=quote&id=${encodeURIComponent(id)}`, token)).json()).links;
  const revoke = (body: unknown, token = adminToken) => api('POST', '/api/links/revoke', token, body);
  const view = (token: string) => fetch(`${relay.httpUrl}${publicLinkPath('quote', token)}`);
  const answer = (token: string, action: 'accept' | 'decline') =>
    fetch(`${relay.httpUrl}${publicLinkPath('quote', token, action)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(action === 'accept' ? { name: 'Ann Lee', optionId: 'o1', signaturePng: PNG } : { name: 'Ann Lee', reason: 'Too expensive' })
    });
  const expectWithdrawn = async (res: Response) => {
    expect(res.status).toBe(410);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({ code: 'link_revoked', message: WITHDRAWN });
  };
  const openOffice = async () => {
    const ws = await openWorkspace(relay, ORG, 'dispatcher', 'dina');
    await until(() => ws.boardConnection.monitor.state.phase === 'synced' && ws.financeConnection?.monitor.state.phase === 'synced', 'the office workspace to sync');
    return ws;
  };
  const createQuote = async () => {
    const created = office.finance!.quotes.create(
      {
        customerId: 'c-harbor',
        customerName: 'Harbor Bakery',
        siteAddress: '1 Pier St',
        date: realToday(),
        validUntil: plusDays(realToday(), 60),
        options: [{ label: 'Good', lines: [{ description: 'Repair furnace', quantityMilli: 1000, unitPriceCents: 30_000 }] }]
      },
      { id: 'dina', name: 'Dina' },
      'K7QX'
    );
    if (!created.ok) throw new Error(created.error);
    await until(() => office.financeConnection!.monitor.state.unconfirmed === 0, 'the relay to hold the quote');
    return created.id;
  };

  beforeAll(async () => {
    relay = await startRelay();
    const setup = await new ApiClient(relay.httpUrl).setup({ ...DEFAULT_ADMIN, org: ORG, orgName: ORG_NAME });
    if (!setup.body) throw new Error(`setup failed: ${setup.status}`);
    adminToken = setup.body.accessToken;
    office = await openOffice();
    const created = office.board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE });
    if (!created.ok) throw new Error('could not create the office');
    await until(() => office.boardConnection.monitor.state.unconfirmed === 0, 'the relay to hold the office');
  });

  afterAll(async () => {
    office?.destroy();
    await relay?.kill('SIGTERM');
  });

  it('refuses a revoked link for viewing, accepting and declining, and writes nothing', async () => {
    const id = await createQuote();
    const token = await mint(id);
    expect((await view(token)).status).toBe(200);
    const [listed] = await list(id);
    expect(listed).toMatchObject({ id: idOf(token), kind: 'quote', doc: id, mintedByName: DEFAULT_ADMIN.adminName, status: 'active', revokedAt: null });
    const jobsBefore = office.board.listJobs().length;

    const res = await revoke({ linkId: listed!.id }, await tokenOf('dispatcher'));
    expect(res.status).toBe(200);
    const revoked = revokeLinkResponseSchema.parse(await res.json());
    expect(revoked.revoked).toBe(1);
    expect(revoked.links).toEqual([expect.objectContaining({ id: listed!.id, status: 'revoked', revokedByName: 'Dina' })]);

    await expectWithdrawn(await view(token));
    await expectWithdrawn(await answer(token, 'accept'));
    await expectWithdrawn(await answer(token, 'decline'));
    // Revoking again changes nothing (the first revocation stays).
    expect(revokeLinkResponseSchema.parse(await (await revoke({ linkId: listed!.id })).json())).toMatchObject({ revoked: 0, links: [{ revokedByName: 'Dina' }] });

    // Nothing written: the relay still shows the quote open through a fresh link, no signature
    // was stored, and no job was made for it.
    const fresh = linkDocumentSchema.parse(await (await view(await mint(id))).json());
    expect(fresh).toMatchObject({ kind: 'quote', state: 'open' });
    const blob = await api('GET', `/api/blobs/${ORG}/${PNG_SHA256}`, await tokenOf('dispatcher'));
    expect(blob.status).toBe(404);
    expect(office.finance!.quotes.view(id, realToday())!.answer).toBeNull();
    expect(office.board.getJob(quoteJobId(id))).toBeUndefined();
    expect(office.board.listJobs().length).toBe(jobsBefore);
  });

  it('revokes every link of one document, and only that document’s', async () => {
    const id = await createQuote();
    const other = await createQuote();
    const tokens = [await mint(id), await mint(id), await mint(id)];
    const otherToken = await mint(other);
    const before = await list(id);
    expect(before).toHaveLength(3);
    expect((await revoke({ linkId: idOf(tokens[0]!) })).status).toBe(200);

    const res = await revoke({ kind: 'quote', id, all: true });
    expect(res.status).toBe(200);
    const after = revokeLinkResponseSchema.parse(await res.json());
    expect(after.revoked).toBe(2);
    expect(after.links.map((l) => l.status)).toEqual(['revoked', 'revoked', 'revoked']);
    for (const token of tokens) await expectWithdrawn(await view(token));
    expect((await view(otherToken)).status).toBe(200);
    expect((await list(other)).map((l) => l.status)).toEqual(['active']);
  });

  it('lets only admins and dispatchers revoke, finance readers list, and nobody reach another organisation’s links', async () => {
    const id = await createQuote();
    const token = await mint(id);
    const [link] = await list(id);
    for (const role of ['technician', 'manager', 'wallboard'] as const) {
      const refused = await revoke({ linkId: link!.id }, await tokenOf(role));
      expect(refused.status, role).toBe(403);
    }
    expect((await list(id, await tokenOf('manager'))).map((l) => l.status)).toEqual(['active']);
    expect((await api('GET', `/api/links?kind=quote&id=${id}`, await tokenOf('technician'))).status).toBe(403);
    expect((await api('GET', '/api/links?kind=receipt&id=x', adminToken)).status).toBe(400);
    expect((await revoke({ linkId: 'not a link id' })).status).toBe(400);
    expect((await revoke({ linkId: link!.id }, await tokenOf('dispatcher', 'other-org'))).status).toBe(404);
    expect((await revoke({ kind: 'quote', id, all: true }, await tokenOf('dispatcher', 'other-org'))).status).toBe(200);
    expect((await api('POST', '/api/links/revoke', '', { linkId: link!.id })).status).toBe(401);
    expect((await view(token)).status).toBe(200);
    expect((await list(id)).map((l) => l.status)).toEqual(['active']);
  });

  it('still honours a link minted before links had ids, and refuses an id the register does not hold', async () => {
    const id = await createQuote();
    const legacy = await makeLink(relay.dataDir, { org: ORG, kind: 'quote', doc: id });
    expect((await view(legacy)).status).toBe(200);
    expect(await list(id)).toEqual([]);
    const unrecorded = (await mintLink({ org: ORG, kind: 'quote', doc: id, days: 30, jti: 'never-recorded-0000' }, loadSecret(relay.dataDir).key)).token;
    await expectWithdrawn(await view(unrecorded));
  });

  it('keeps revocations through a SIGKILL of the relay', async () => {
    const id = await createQuote();
    const [kept, withdrawn] = [await mint(id), await mint(id)];
    expect((await revoke({ linkId: idOf(withdrawn) })).status).toBe(200);
    await relay.kill('SIGKILL');
    office.destroy();
    relay = await relay.restart();
    office = await openOffice();
    await expectWithdrawn(await view(withdrawn));
    expect((await view(kept)).status).toBe(200);
    expect(new Map((await list(id)).map((l) => [l.id, l.status]))).toEqual(
      new Map([
        [idOf(withdrawn), 'revoked'],
        [idOf(kept), 'active']
      ])
    );
  });
});
