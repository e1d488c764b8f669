/**
 * Customer links against the real relay (issue 10, Quotes): the office mints a link, the public
 * API shows only that quote, a tampered, expired or wrong-kind link is refused with a message,
 * acceptance is written durably into the finance room (it survives a crash of the relay right
 * after answering) and becomes a job an open board receives live; a second answer is refused;
 * a quote made from a job records the acceptance on that job instead; the accepted option's
 * parts become the job's required parts; a link to an issued invoice shows the invoice and how
 * to pay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { checkUpdateRules } from '../../server/relay/update-guard';
import { LINK_AUTHOR, type QuoteEvent } from '../../src/lib/domain/quotes/quote-records';
import { linkDocumentSchema, mintLinkResponseSchema, publicLinkPath } from '../../src/lib/domain/quotes/document-link';
import { orgDay } from '../../src/lib/domain/receivables/records';
import { quoteJobId } from '../../src/lib/domain/quotes/quote-job';
import { CAPACITOR, FILTER, PIPE, REGULAR, SPRING, testBook } from '../../src/lib/domain/billing/test-book';
import { requiredPartList } from '../../src/lib/domain/jobs/required-parts';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { Workspace } from '../../src/lib/sync/workspace';
import { TEST_TIME_ZONE } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeLink, makeToken } from '../helpers/tokens';
import { until } from './support/clients';

const ORG = 'quoteco';
const dina = { id: 'dina', name: 'Dina' };
/** A 1×1 PNG (what the signature pad sends, only smaller). */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The relay judges expiry by its own (real) clock: the quote is valid from today for 60 days. */
const realToday = () => orgDay(new Date(), TEST_TIME_ZONE);
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const quoteInput = (over: Record<string, unknown> = {}) => ({
  customerId: 'c-harbor',
  customerName: 'Harbor Bakery',
  siteAddress: '1 Pier St',
  date: realToday(),
  validUntil: plusDays(realToday(), 60),
  options: [
    { label: 'Good', lines: [{ description: 'Repair furnace', quantityMilli: 1000, unitPriceCents: 30_000 }] },
    { label: 'Better', lines: [{ description: 'New furnace', quantityMilli: 1000, unitPriceCents: 250_000 }] }
  ],
  ...over
});

describe('quote and invoice links', () => {
  let relay: RelayProcess;
  let office: Workspace;

  const openOffice = async (role: 'dispatcher' | 'manager' = 'dispatcher') => {
    const ws = new Workspace({
      org: ORG,
      role,
      token: await makeToken(relay.dataDir, { org: ORG, role, sub: dina.id, name: dina.name }),
      serverUrl: relay.wsUrl,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
    });
    await until(() => ws.boardConnection.monitor.state.phase === 'synced' && ws.financeConnection?.monitor.state.phase === 'synced', 'the office workspace to sync');
    return ws;
  };
  const confirmed = () => until(() => office.financeConnection!.monitor.state.unconfirmed === 0 && office.boardConnection.monitor.state.unconfirmed === 0, 'the relay to hold the office’s changes');
  const mint = async (body: unknown, role = 'dispatcher' as 'dispatcher' | 'technician') =>
    fetch(`${relay.httpUrl}/api/links`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await makeToken(relay.dataDir, { org: ORG, role, sub: 'dina' })}` }, body: JSON.stringify(body) });
  const mintQuote = async (id: string) => mintLinkResponseSchema.parse(await (await mint({ kind: 'quote', id })).json()).token;
  const post = (token: string, action: 'accept' | 'decline', body: unknown) => fetch(`${relay.httpUrl}${publicLinkPath('quote', token, action)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const createQuote = async (over: Record<string, unknown> = {}) => {
    const created = office.finance!.quotes.create(quoteInput(over), dina, 'K7QX');
    if (!created.ok) throw new Error(created.error);
    await confirmed();
    return created;
  };

  beforeAll(async () => {
    relay = await startRelay();
    office = await openOffice();
    const created = office.board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE });
    if (!created.ok) throw new Error('could not create the office');
    await confirmed();
  });

  afterAll(async () => {
    office?.destroy();
    await relay?.kill('SIGTERM');
  });

  it('mints links only for finance writers and existing documents', async () => {
    const { id } = await createQuote();
    expect((await mint({ kind: 'quote', id }, 'technician')).status).toBe(403);
    expect((await mint({ kind: 'quote', id: 'no-such-quote' })).status).toBe(404);
    expect((await mint({ kind: 'quote', id, days: 0 })).status).toBe(400);
    const res = await mint({ kind: 'quote', id, days: 7 });
    expect(res.status).toBe(201);
    const link = mintLinkResponseSchema.parse(await res.json());
    expect(link.path).toBe(`/q/${link.token}`);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
  });

  it('shows only that quote, and refuses tampered, expired and wrong-kind links with a message', async () => {
    const { id, number } = await createQuote();
    const token = await mintQuote(id);
    const res = await fetch(`${relay.httpUrl}${publicLinkPath('quote', token)}`);
    expect(res.status).toBe(200);
    const shown = linkDocumentSchema.parse(await res.json());
    expect(shown).toMatchObject({ kind: 'quote', number, state: 'open' });
    if (shown.kind !== 'quote') throw new Error('not a quote');
    expect(shown.options.map((o) => [o.label, o.total])).toEqual([['Good', '$300.00'], ['Better', '$2,500.00']]);

    const [head, payload, signature] = token.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = [head, Buffer.from(JSON.stringify({ ...forged, doc: 'someone-else' })).toString('base64url'), signature].join('.');
    const refusals = [
      [tampered, 400, /changed after it was sent/],
      [await makeLink(relay.dataDir, { org: ORG, kind: 'quote', doc: id }, Math.floor(Date.now() / 1000) - 31 * 86_400), 410, /expired/],
      [await makeLink(relay.dataDir, { org: ORG, kind: 'invoice', doc: id }), 400, /another kind of document/],
      ['not-a-token', 400, /incomplete or damaged/]
    ] as const;
    for (const [bad, status, message] of refusals) {
      const refused = await fetch(`${relay.httpUrl}${publicLinkPath('quote', bad)}`);
      expect(refused.status).toBe(status);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_link');
      expect(body.error.message).toMatch(message);
      expect((await post(bad, 'accept', { name: 'X', optionId: 'o1', signaturePng: PNG })).status).toBe(status);
    }
    // A link of another organisation names a quote this one does not have.
    const elsewhere = await makeLink(relay.dataDir, { org: 'other-org', kind: 'quote', doc: id });
    expect((await fetch(`${relay.httpUrl}${publicLinkPath('quote', elsewhere)}`)).status).toBe(404);
    expect(office.finance!.quotes.view(id, realToday())!.status).toBe('draft');
  });

  it('accepts once: the answer and the new job are durable before the answer, the open board sees the job live, a second answer is refused', async () => {
    const { id, number } = await createQuote();
    const token = await mintQuote(id);
    expect((await post(token, 'accept', { name: '', optionId: 'o2', signaturePng: PNG })).status).toBe(400);
    const res = await post(token, 'accept', { name: 'Ann Lee', optionId: 'o2', signaturePng: PNG });
    expect(res.status).toBe(201);
    const { jobNumber } = (await res.json()) as { jobNumber: string };
    expect(jobNumber).toMatch(/^J-WEB2-\d{4}$/);

    await until(() => office.board.listJobs().some((j) => j.number === jobNumber), 'the new job on the open board');
    const job = office.board.listJobs().find((j) => j.number === jobNumber)!;
    expect(job).toMatchObject({ status: 'new', customerName: 'Harbor Bakery', siteAddress: '1 Pier St' });
    expect(job.problem).toContain(`Quote ${number}, option Better accepted by Ann Lee ($2,500.00)`);
    expect(job.problem).toContain('New furnace');
    await until(() => office.finance!.quotes.view(id, realToday())?.status === 'accepted', 'the acceptance in the office’s finance doc');
    expect(office.finance!.quotes.view(id, realToday())!.answer).toMatchObject({ kind: 'accepted', optionId: 'o2', signerName: 'Ann Lee', jobId: job.id, jobNumber, totalCents: 250_000 });

    const again = await post(token, 'accept', { name: 'Ann Lee', optionId: 'o1', signaturePng: PNG });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { message: string } }).error.message).toBe('This quote was already accepted.');
    expect((await post(token, 'decline', { reason: 'changed my mind' })).status).toBe(409);
    const shown = linkDocumentSchema.parse(await (await fetch(`${relay.httpUrl}${publicLinkPath('quote', token)}`)).json());
    expect(shown).toMatchObject({ state: 'accepted', stateText: expect.stringContaining('Accepted by Ann Lee') });

    // Durable: the relay killed right after answering still has both writes when it restarts.
    await relay.kill('SIGKILL');
    office.destroy();
    relay = await relay.restart();
    office = await openOffice('manager');
    await until(() => office.finance!.quotes.view(id, realToday())?.status === 'accepted' && office.board.listJobs().some((j) => j.number === jobNumber), 'the acceptance and the job after a crash');
    const answer = office.finance!.quotes.view(id, realToday())!.answer;
    if (answer?.kind !== 'accepted') throw new Error('not accepted');
    const blob = await fetch(`${relay.httpUrl}/api/blobs/${ORG}/${answer.signatureSha256}`, { headers: { Authorization: `Bearer ${await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dina' })}` } });
    expect(blob.status).toBe(200);
    expect(Buffer.from(await blob.arrayBuffer()).toString('base64')).toBe(PNG);
    office.destroy();
    office = await openOffice();
  });

  it('finds the job an interrupted acceptance already made instead of making a second one when the customer retries', async () => {
    const { id } = await createQuote();
    const token = await mintQuote(id);
    // What a relay that stopped between writing the job and writing the answer leaves behind.
    const earlier = office.board.createJob({ customerName: 'Harbor Bakery', problem: 'Quote accepted (interrupted)', channel: 'web' }, dina, 'WEB2', new Date(), quoteJobId(id));
    if (!earlier.ok) throw new Error('could not seed the earlier job');
    await confirmed();
    const jobsBefore = office.board.listJobs().length;
    const res = await post(token, 'accept', { name: 'Ann Lee', optionId: 'o1', signaturePng: PNG });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { jobNumber: string }).jobNumber).toBe(earlier.job.number);
    await until(() => office.finance!.quotes.view(id, realToday())?.status === 'accepted', 'the acceptance in the office’s finance doc');
    expect(office.finance!.quotes.view(id, realToday())!.answer).toMatchObject({ kind: 'accepted', jobId: earlier.job.id, jobNumber: earlier.job.number });
    expect(office.board.listJobs().length).toBe(jobsBefore);
  });

  it('records acceptance of a quote made from a job on that job, without a new job; declines keep the reason', async () => {
    const made = office.board.createJob({ customerName: 'Harbor Bakery', problem: 'Furnace noisy' }, dina, 'K7QX');
    if (!made.ok) throw new Error('no job');
    const { id } = await createQuote({ jobId: made.job.id, options: [], shared: [{ description: 'Replace blower motor', quantityMilli: 1000, unitPriceCents: 42_000 }] });
    const jobsBefore = office.board.listJobs().length;
    const res = await post(await mintQuote(id), 'accept', { name: 'Ann Lee', optionId: 'only', signaturePng: PNG });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { jobNumber: string }).jobNumber).toBe(made.job.number);
    await until(() => office.board.activityOf(made.job.id).some((a) => a.action === 'quote_accepted'), 'the acceptance on the job’s activity');
    expect(office.board.listJobs().length).toBe(jobsBefore);

    const declined = await createQuote();
    const answer = await post(await mintQuote(declined.id), 'decline', { name: 'Ann', reason: 'Too expensive' });
    expect(answer.status).toBe(201);
    await until(() => office.finance!.quotes.view(declined.id, realToday())?.status === 'declined', 'the decline');
    expect(office.finance!.quotes.view(declined.id, realToday())!.answer).toMatchObject({ kind: 'declined', reason: 'Too expensive' });
  });

  it('gives the accepted option’s parts (part lines and the parts inside its bundles) to its new job, or raises them on the quote’s own job', async () => {
    const book = testBook();
    const fromBook = (over: Record<string, unknown>) => {
      const created = office.finance!.quotes.create(quoteInput(over), dina, 'K7QX', new Date(), book);
      if (!created.ok) throw new Error(created.error);
      return created;
    };
    const { id } = fromBook({
      shared: [{ description: 'Labour', quantityMilli: 2000, unitPriceCents: REGULAR.centsPerHour, labourRateId: REGULAR.id }],
      options: [
        { label: 'Good', lines: [{ description: 'Capacitor', quantityMilli: 1000, unitPriceCents: 1250, partId: CAPACITOR.id }] },
        { label: 'Better', lines: [{ description: 'Filter', quantityMilli: 1000, unitPriceCents: 2499, partId: FILTER.id }, { description: 'Spring check', quantityMilli: 1000, unitPriceCents: SPRING.priceCents, bundleId: SPRING.id }] }
      ]
    });
    await confirmed();
    const res = await post(await mintQuote(id), 'accept', { name: 'Ann Lee', optionId: 'o2', signaturePng: PNG });
    expect(res.status).toBe(201);
    const { jobNumber } = (await res.json()) as { jobNumber: string };
    await until(() => office.board.listJobs().some((j) => j.number === jobNumber), 'the new job on the open board');
    // 1 filter on its own line + 2 in the Spring check bundle; the Good option's capacitor is not required.
    expect(requiredPartList(office.board.listJobs().find((j) => j.number === jobNumber)!.requiredParts)).toEqual([{ partId: FILTER.id, quantity: 3 }]);

    const made = office.board.createJob({ customerName: 'Harbor Bakery', problem: 'No cooling', requiredParts: [{ partId: FILTER.id, quantity: 5 }, { partId: PIPE.id, quantity: 1 }] }, dina, 'K7QX');
    if (!made.ok) throw new Error('no job');
    const own = fromBook({ jobId: made.job.id, options: [], shared: [{ description: 'Capacitor', quantityMilli: 2000, unitPriceCents: 1250, partId: CAPACITOR.id }, { description: 'Filter', quantityMilli: 1000, unitPriceCents: 2499, partId: FILTER.id }] });
    await confirmed();
    expect((await post(await mintQuote(own.id), 'accept', { name: 'Ann Lee', optionId: 'only', signaturePng: PNG })).status).toBe(201);
    await until(() => requiredPartList(office.board.getJob(made.job.id)?.requiredParts).some((p) => p.partId === CAPACITOR.id), 'the quoted parts on the quote’s own job');
    expect(requiredPartList(office.board.getJob(made.job.id)!.requiredParts)).toEqual([
      { partId: CAPACITOR.id, quantity: 2 },
      { partId: FILTER.id, quantity: 5 },
      { partId: PIPE.id, quantity: 1 }
    ]);
  });

  it('shows an issued invoice with the payment instructions, and refuses to mint a link to a draft', async () => {
    const settings = office.catalog!.saveSettings({ name: 'Bayside HVAC', address: '1 Market St', taxId: '', email: '', phone: '', paymentInstructions: 'bank transfer to account 12345678', defaultTermsId: 'on-receipt', overtimeAfterMinutes: '480', quoteValidDays: '30' });
    if (!settings.ok) throw new Error('settings');
    const draft = office.finance!.createDraftInvoice({ customerId: 'c-harbor', customerName: 'Harbor Bakery', date: realToday(), lines: [{ description: 'Service call', amountCents: 8_900 }], totals: { subtotalCents: 8_900, discountCents: 0, taxCents: 0, totalCents: 8_900 } }, dina);
    if (!draft.ok) throw new Error(draft.error);
    await until(() => office.catalogConnection!.monitor.state.unconfirmed === 0, 'the settings to reach the relay');
    await confirmed();
    expect((await mint({ kind: 'invoice', id: draft.id })).status).toBe(404);
    const issued = office.finance!.issueInvoice(draft.id, dina, 'K7QX');
    if (!issued.ok) throw new Error(issued.error);
    await confirmed();
    const res = await mint({ kind: 'invoice', id: draft.id });
    expect(res.status).toBe(201);
    const link = mintLinkResponseSchema.parse(await res.json());
    expect(link.path).toMatch(/^\/i\//);
    const shown = linkDocumentSchema.parse(await (await fetch(`${relay.httpUrl}${publicLinkPath('invoice', link.token)}`)).json());
    expect(shown).toMatchObject({ kind: 'invoice', orgName: 'Bayside HVAC', number: issued.number, paymentInstructions: 'bank transfer to account 12345678' });
    if (shown.kind !== 'invoice') throw new Error('not an invoice');
    expect(shown.layout.total).toBe('$89.00');
    expect((await fetch(`${relay.httpUrl}${publicLinkPath('quote', link.token)}`)).status).toBe(400);
    expect((await post(link.token, 'accept', { name: 'X', optionId: 'o1', signaturePng: PNG })).status).toBe(400);
  });
});

describe('only the relay answers for the customer', () => {
  it('refuses a client writing an acceptance in the customer link’s name (authored, immutable quote events)', () => {
    const room = new Y.Doc();
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (u: Uint8Array) => updates.push(u));
    const forged: QuoteEvent = { id: 'e1', quoteId: 'q1', kind: 'accepted', at: '2026-06-01T00:00:00.000Z', by: LINK_AUTHOR, optionId: 'o1', optionLabel: 'Good', totalCents: 1, signerName: 'Ann', signatureSha256: 'a'.repeat(64), jobId: 'j1', jobNumber: 'J-WEB2-0001' };
    const entity = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(forged)) if (k !== 'id') entity.set(k, v);
    writer.getMap('quoteEvents').set('e1', entity);
    const context = { subject: 'dina', nowMs: Date.parse('2026-06-10T00:00:00.000Z'), maxFutureMs: 300_000, room: 'finance' };
    expect(checkUpdateRules(room, Y.mergeUpdates(updates), context)?.reason).toBe('wrong-author');
    expect(checkUpdateRules(room, Y.mergeUpdates(updates), { ...context, subject: LINK_AUTHOR })).toBeNull();
  });
});
