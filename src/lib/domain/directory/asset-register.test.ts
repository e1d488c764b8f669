import { describe, expect, it } from 'vitest';
import { assetSchema } from './directory';
import { agreementsCovering, assetEditSchema, assetName, assetServiceHistory, warrantyLabel, warrantyStatus } from './asset-register';

describe('asset fields (additive)', () => {
  it('an asset written before the register reads with defaults', () => {
    const a = assetSchema.parse({ id: 'a1', siteId: 's1', type: 'Boiler' });
    expect(a).toMatchObject({ installDate: null, warrantyEnd: null, warrantyLabour: false, customFields: {}, status: 'active', replacedBy: null });
  });
  it('unreadable new fields fall back instead of hiding the asset', () => {
    const a = assetSchema.parse({ id: 'a1', siteId: 's1', type: 'Boiler', status: 'scrapped', customFields: 7, warrantyEnd: 'soon', warrantyLabour: 'yes' });
    expect(a).toMatchObject({ status: 'active', customFields: {}, warrantyEnd: null, warrantyLabour: false });
  });
});

describe('warrantyStatus', () => {
  it('is in warranty through its last day, expired the day after, unknown without an end', () => {
    expect(warrantyStatus({ warrantyEnd: '2026-06-10' }, '2026-06-10')).toEqual({ state: 'in', until: '2026-06-10' });
    expect(warrantyStatus({ warrantyEnd: '2026-06-10' }, '2026-06-11')).toEqual({ state: 'expired', until: '2026-06-10' });
    expect(warrantyStatus({ warrantyEnd: null }, '2026-06-11')).toEqual({ state: 'unknown' });
    expect(warrantyLabel(warrantyStatus({ warrantyEnd: '2027-03-31' }, '2026-06-10'))).toBe('in warranty until 2027-03-31');
    expect(warrantyLabel(warrantyStatus({ warrantyEnd: '2025-01-31' }, '2026-06-10'))).toBe('warranty expired 2025-01-31');
    expect(warrantyLabel({ state: 'unknown' })).toBe('warranty unknown');
  });
  it('names an asset', () => {
    expect(assetName({ type: 'Water heater', make: 'Rheem', model: 'XG50', serial: 'R1' })).toBe('Water heater · Rheem XG50 (SN R1)');
    expect(assetName({ type: 'Boiler', make: '', model: '', serial: '' })).toBe('Boiler');
  });
});

describe('assetEditSchema', () => {
  const base = { type: 'Rooftop unit', status: 'active' as const, installDate: '2020-04-01', warrantyEnd: '2030-03-31' };
  it('turns custom field rows into a map and empty dates into null', () => {
    const r = assetEditSchema.parse({ ...base, installDate: ' ', customFields: [{ key: 'Refrigerant', value: 'R-410A' }, { key: '', value: '' }] });
    expect(r).toMatchObject({ installDate: null, warrantyEnd: '2030-03-31', customFields: { Refrigerant: 'R-410A' }, replacedBy: null });
  });
  it('refuses a warranty ending before the install, bad dates, duplicate keys, a nameless value, an active asset with a replacement', () => {
    const issues = (input: object) => assetEditSchema.safeParse({ ...base, ...input }).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ warrantyEnd: '2019-01-01' })).toEqual(['The warranty cannot end before the install date']);
    expect(issues({ installDate: '2020-02-30' })).toEqual(['Enter a date as YYYY-MM-DD, or leave it empty']);
    expect(issues({ customFields: [{ key: 'A', value: '1' }, { key: 'A', value: '2' }] })).toEqual(['“A” appears twice']);
    expect(issues({ customFields: [{ key: '', value: 'R-22' }] })).toEqual(['Name the field for “R-22”']);
    expect(issues({ replacedBy: 'a2' })).toEqual(['Only a replaced asset has a replacement']);
    expect(issues({ type: '' }).length).toBe(1);
  });
});

describe('assetServiceHistory', () => {
  const job = (id: string, createdAt: string, assetIds: string[]) => ({ id, number: id.toUpperCase(), status: 'completed', problem: 'p', createdAt, assetIds });
  const visit = (id: string, jobId: string, start: string) => ({ id, jobId, status: 'completed', window: { start, end: start } });
  const rec = (id: string, jobId: string, visitId: string, at: string) => ({ id, jobId, visitId, at });
  it('gathers the jobs naming the asset, newest first, with each visit’s parts, notes and photos', () => {
    const history = assetServiceHistory('a1', {
      jobs: [job('j1', '2026-01-01T00:00:00Z', ['a1']), job('j2', '2026-03-01T00:00:00Z', ['a0', 'a1']), job('j3', '2026-04-01T00:00:00Z', ['a9'])],
      visits: [visit('v2b', 'j2', '2026-03-05T00:00:00Z'), visit('v2a', 'j2', '2026-03-02T00:00:00Z'), visit('v1', 'j1', '2026-01-02T00:00:00Z'), visit('v3', 'j3', '2026-04-02T00:00:00Z')],
      parts: [rec('p2', 'j2', 'v2b', '2026-03-05T02:00:00Z'), rec('p1', 'j1', 'v1', '2026-01-02T01:00:00Z'), rec('p3', 'j3', 'v3', '2026-04-02T01:00:00Z'), rec('pgone', 'j2', 'v-archived', '2026-03-03T00:00:00Z')],
      notes: [rec('n1', 'j1', 'v1', '2026-01-02T02:00:00Z')],
      attachments: [rec('f2', 'j2', 'v2a', '2026-03-02T01:00:00Z'), rec('f1', 'j1', 'v1', '2026-01-02T03:00:00Z')]
    });
    expect(history.map((h) => h.job.id)).toEqual(['j2', 'j1']);
    expect(history[0]!.visits.map((v) => [v.visit.id, v.parts.map((p) => p.id), v.attachments.map((a) => a.id)])).toEqual([
      ['v2a', [], ['f2']],
      ['v2b', ['p2'], []]
    ]);
    expect(history[0]!.unplaced.parts.map((p) => p.id)).toEqual(['pgone']);
    expect(history[1]!.visits[0]).toMatchObject({ parts: [{ id: 'p1' }], notes: [{ id: 'n1' }], attachments: [{ id: 'f1' }] });
  });
  it('is empty for an asset no job names', () => {
    expect(assetServiceHistory('nobody', { jobs: [job('j1', '2026-01-01T00:00:00Z', ['a1'])], visits: [], parts: [], notes: [], attachments: [] })).toEqual([]);
  });
});

describe('agreementsCovering', () => {
  it('names the asset, or covers its whole site when it names no assets', () => {
    const list = [
      { id: 'named', siteIds: ['s1'], assetIds: ['a1'] },
      { id: 'other-asset', siteIds: ['s1'], assetIds: ['a2'] },
      { id: 'whole-site', siteIds: ['s1'], assetIds: [] },
      { id: 'other-site', siteIds: ['s2'], assetIds: [] }
    ];
    expect(agreementsCovering(list, { id: 'a1', siteId: 's1' }).map((a) => a.id)).toEqual(['named', 'whole-site']);
  });
});
