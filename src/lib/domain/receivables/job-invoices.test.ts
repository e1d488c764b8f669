import { describe, expect, it } from 'vitest';
import { duplicateDraftBlock, jobInvoices } from './job-invoices';
import type { InvoiceView } from './ledger';

/** Just the fields the rule reads. */
function view(id: string, fields: { createdAt?: string; jobId?: string | null; revisionOf?: string | null; status?: InvoiceView['status']; kind?: InvoiceView['kind']; issuedStamp?: string; number?: string } = {}): InvoiceView {
  const status = fields.status ?? (fields.issuedStamp ? 'issued' : 'draft');
  const issued = fields.issuedStamp ? { id: `e-${id}`, at: fields.issuedStamp, stamp: fields.issuedStamp, by: 'u', kind: 'issued', invoiceId: id, number: fields.number ?? `INV-T-${id}` } : null;
  return {
    id,
    kind: fields.kind ?? 'invoice',
    status,
    issued,
    number: issued ? (fields.number ?? `INV-T-${id}`) : null,
    record: { id, jobId: fields.jobId === undefined ? 'j1' : fields.jobId, revisionOf: fields.revisionOf ?? null, createdAt: fields.createdAt ?? '2026-06-10T10:00:00.000Z' }
  } as unknown as InvoiceView;
}

describe('the job’s invoice rule', () => {
  it.each([
    { name: 'no invoices', list: [], current: undefined, duplicates: [] },
    { name: 'one draft', list: [view('a')], current: 'a', duplicates: [] },
    { name: 'earliest draft wins', list: [view('b', { createdAt: '2026-06-10T11:00:00.000Z' }), view('a', { createdAt: '2026-06-10T12:00:00.000Z' })], current: 'b', duplicates: ['a'] },
    { name: 'same instant: the smaller id wins', list: [view('z'), view('c'), view('m')], current: 'c', duplicates: ['m', 'z'] },
    { name: 'an issued one beats an older draft', list: [view('old', { createdAt: '2026-06-10T08:00:00.000Z' }), view('new', { issuedStamp: '2026-06-10T12:00:00.000Z' })], current: 'new', duplicates: ['old'] },
    { name: 'a void draft is no one', list: [view('a', { status: 'void' }), view('b', { createdAt: '2026-06-10T11:00:00.000Z' })], current: 'b', duplicates: [] },
    { name: 'other jobs and credit notes are left out', list: [view('a', { jobId: 'j2' }), view('b', { kind: 'credit-note' }), view('c', { jobId: null })], current: undefined, duplicates: [] },
    { name: 'a revision of the issued invoice is no duplicate', list: [view('a', { issuedStamp: '2026-06-10T09:00:00.000Z' }), view('r', { revisionOf: 'a' })], current: 'a', duplicates: [] }
  ])('$name', ({ list, current, duplicates }) => {
    const result = jobInvoices(list, 'j1');
    expect(result.current?.id).toBe(current);
    expect(result.duplicates.map((d) => d.id).sort()).toEqual(duplicates);
  });

  it('refuses to issue a duplicate, naming the job’s invoice; the job’s own draft and others pass', () => {
    const list = [view('a', { issuedStamp: '2026-06-10T09:00:00.000Z', number: 'INV-AB12-0003' }), view('b')];
    expect(duplicateDraftBlock(list, list[1]!)).toBe('This is a duplicate draft of the same job: invoice INV-AB12-0003 is the job’s invoice. Discard this one (or void the other first).');
    expect(duplicateDraftBlock(list, list[0]!)).toBeNull();
    const drafts = [view('a'), view('b', { createdAt: '2026-06-10T10:30:00.000Z' })];
    expect(duplicateDraftBlock(drafts, drafts[1]!)).toContain('the draft created 2026-06-10 10:00 UTC');
    expect(duplicateDraftBlock(drafts, drafts[0]!)).toBeNull();
    expect(duplicateDraftBlock([view('x', { jobId: null })], view('x', { jobId: null }))).toBeNull();
  });
});
