import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client';
import { LinkApi } from '../api/link-api';
import { PublicLink, toBase64 } from './public-link.svelte';

const reply = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const api = (fetchFn: typeof fetch) => new LinkApi(new ApiClient({ fetch: fetchFn, isOnline: () => true }));
const failure = (code: string, message: string) => ({ error: { code, message } });
const layout = { title: 'Quote', number: 'Q-K7QX-0001', status: 'Sent', organisation: ['Bayside HVAC'], customer: ['Harbor Bakery'], meta: [], lines: [], totals: [['Total', '$350.00']], total: '$350.00', balance: null, payBy: null, fileName: 'Q-K7QX-0001.pdf' };
const quote = { kind: 'quote', orgName: 'Bayside HVAC', number: 'Q-K7QX-0001', state: 'open', stateText: 'Valid until 2026-07-10.', validUntil: '2026-07-10', notes: '', options: [{ id: 'only', label: 'Quote', total: '$350.00', layout }] };

describe('PublicLink (the customer’s link page)', () => {
  it('shows the document a valid link names', async () => {
    const link = new PublicLink('quote', 't', api(reply(200, quote)));
    await link.load();
    expect(link.phase).toBe('ready');
    expect(link.document).toMatchObject({ kind: 'quote', number: 'Q-K7QX-0001' });
  });

  it('turns refused links into a clear page: changed, expired, gone, unreachable', async () => {
    const cases: [typeof fetch, string, RegExp][] = [
      [reply(400, failure('invalid_link', 'This link is not valid: it was changed after it was sent.')), 'This link cannot be used', /changed after it was sent/],
      [reply(410, failure('invalid_link', 'This link has expired. Please ask the company for a new link.')), 'This link has expired', /ask the company for a new link/],
      [reply(404, failure('not_found', 'This document is no longer available.')), 'Document not found', /no longer available/],
      [async () => { throw new TypeError('Failed to fetch'); }, 'No connection', /check your internet connection/],
      [async () => new Response('<html>bad gateway</html>', { status: 502 }), 'The document could not be shown', /try again later/]
    ];
    for (const [fetchFn, title, message] of cases) {
      const link = new PublicLink('quote', 't', api(fetchFn));
      await link.load();
      expect(link.phase).toBe('refused');
      expect(link.refusal?.title).toBe(title);
      expect(link.refusal?.message).toMatch(message);
    }
  });

  it('says a withdrawn link was withdrawn by the company, on opening and on answering', async () => {
    const withdrawn = failure('link_revoked', 'This link was withdrawn by Bayside HVAC. Please ask them for a new one.');
    const opened = new PublicLink('quote', 't', api(reply(410, withdrawn)));
    await opened.load();
    expect(opened.phase).toBe('refused');
    expect(opened.refusal).toEqual({ title: 'This link was withdrawn', message: withdrawn.error.message });
    const answering = new PublicLink('quote', 't', api(reply(410, withdrawn)));
    expect(await answering.accept('Ann Lee', 'only', new Uint8Array([1]))).toBe(withdrawn.error.message);
    expect(answering.phase).toBe('refused');
    expect(answering.refusal?.title).toBe('This link was withdrawn');
  });

  it('sends the acceptance with the signature as base64, and a second answer becomes the refusal page', async () => {
    let body: unknown = null;
    const link = new PublicLink('quote', 't', api(async (_url, init) => {
      body = JSON.parse(String(init?.body));
      return new Response(JSON.stringify({ state: 'accepted', jobNumber: 'J-WEB2-0001' }), { status: 201 });
    }));
    expect(await link.accept(' Ann Lee ', 'only', new Uint8Array([137, 80, 78, 71]))).toBeNull();
    expect(body).toEqual({ name: 'Ann Lee', optionId: 'only', signaturePng: 'iVBORw==' });
    expect(link.phase).toBe('answered');
    expect(link.answer).toEqual({ state: 'accepted', jobNumber: 'J-WEB2-0001' });

    const late = new PublicLink('quote', 't', api(reply(409, failure('already_answered', 'This quote was already accepted.'))));
    expect(await late.decline('', 'too dear')).toBe('This quote was already accepted.');
    expect(late.phase).toBe('refused');
    expect(late.refusal).toEqual({ title: 'This quote can no longer be answered', message: 'This quote was already accepted.' });
  });

  it('keeps the form on a field error or a network failure, with a sentence to act on', async () => {
    const link = new PublicLink('quote', 't', api(reply(400, { error: { code: 'invalid_request', message: 'the request is invalid', fields: { name: 'Type your name' } } })));
    expect(await link.accept('', 'only', new Uint8Array([1]))).toBe('Type your name');
    expect(link.fields).toEqual({ name: 'Type your name' });
    const offline = new PublicLink('quote', 't', api(async () => { throw new TypeError('Failed to fetch'); }));
    expect(await offline.decline('Ann', 'no')).toMatch(/check your internet connection/);
    expect(offline.phase).toBe('loading');
  });

  it('encodes large signatures in chunks', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
