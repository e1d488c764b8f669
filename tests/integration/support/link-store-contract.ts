/**
 * What every customer-link register must do (server/links/link-store.ts), run against the
 * embedded SQLite store (link-store.test.ts) and the Postgres one (pg-link-store.test.ts).
 * Times are fixed instants: no clock is read.
 */
import { expect } from 'vitest';
import type { LinkStorage, NewLinkRecord } from '../../../server/links/link-store';
import { TEST_NOW } from '../../clock';

const T0 = TEST_NOW.getTime();
const DAY = 86_400_000;

const ben = { id: 'u-ben', name: 'Ben Ortiz' };
const cid = { id: 'u-cid', name: 'Cid Park' };

function link(id: string, over: Partial<NewLinkRecord> = {}): NewLinkRecord {
  return { id, org: 'bayside', kind: 'quote', doc: 'q1', mintedBy: 'u-ann', mintedByName: 'Ann Lee', mintedAtMs: T0, expiresAtMs: T0 + 30 * DAY, ...over };
}

/** Records, lists newest first, revokes one (only in its org, the first revocation kept) and all of a document. */
export async function linkStoreContract(store: LinkStorage): Promise<void> {
  await store.record(link('link-a-000000000001', { mintedAtMs: T0 }));
  await store.record(link('link-b-000000000002', { mintedAtMs: T0 + 1000 }));
  await store.record(link('link-c-000000000003', { mintedAtMs: T0 + 2000 }));
  await store.record(link('link-d-000000000004', { doc: 'q2' }));
  await store.record(link('link-e-000000000005', { org: 'rossi' }));
  await store.record(link('link-f-000000000006', { kind: 'invoice' }));
  // An id is recorded once: a second link can never take over the first one's row.
  await expect(Promise.resolve().then(() => store.record(link('link-a-000000000001', { doc: 'q9' })))).rejects.toThrow();

  expect(await store.get('link-a-000000000001')).toEqual({ ...link('link-a-000000000001'), revokedAtMs: null, revokedBy: null, revokedByName: null });
  expect(await store.get('no-such-link-000000')).toBeNull();
  expect((await store.ofDocument('bayside', 'quote', 'q1')).map((l) => l.id)).toEqual(['link-c-000000000003', 'link-b-000000000002', 'link-a-000000000001']);

  // Another organisation cannot revoke it (and learns nothing).
  expect(await store.revoke('rossi', 'link-a-000000000001', { id: 'u-eve', name: 'Eve' }, T0 + DAY)).toBeNull();
  expect((await store.get('link-a-000000000001'))!.revokedAtMs).toBeNull();
  expect(await store.revoke('bayside', 'link-a-000000000001', ben, T0 + DAY)).toMatchObject({ id: 'link-a-000000000001', revokedAtMs: T0 + DAY, revokedBy: 'u-ben', revokedByName: 'Ben Ortiz' });
  // Revoking again keeps the first revocation.
  expect(await store.revoke('bayside', 'link-a-000000000001', cid, T0 + 2 * DAY)).toMatchObject({ revokedAtMs: T0 + DAY, revokedBy: 'u-ben', revokedByName: 'Ben Ortiz' });

  expect(await store.revokeDocument('bayside', 'quote', 'q1', cid, T0 + 3 * DAY)).toBe(2);
  expect((await store.ofDocument('bayside', 'quote', 'q1')).map((l) => [l.id, l.revokedAtMs, l.revokedByName])).toEqual([
    ['link-c-000000000003', T0 + 3 * DAY, 'Cid Park'],
    ['link-b-000000000002', T0 + 3 * DAY, 'Cid Park'],
    ['link-a-000000000001', T0 + DAY, 'Ben Ortiz']
  ]);
  expect(await store.revokeDocument('bayside', 'quote', 'q1', cid, T0 + 4 * DAY)).toBe(0);
  // Other documents, kinds and organisations are untouched.
  for (const id of ['link-d-000000000004', 'link-e-000000000005', 'link-f-000000000006']) expect((await store.get(id))!.revokedAtMs, id).toBeNull();
}
