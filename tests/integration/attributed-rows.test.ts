/** A group commit never mixes authors in one stored row (server/relay/room-writes.ts). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { attributedRows, MERGE_CHUNK, type PendingUpdate } from '../../server/relay/room-writes';

function updatesBy(authors: string[]): PendingUpdate[] {
  const doc = new Y.Doc();
  const out: PendingUpdate[] = [];
  doc.on('update', (update: Uint8Array) => {
    const userId = authors[out.length] as string;
    out.push({ update, from: null, by: { userId, action: 'edit' } });
  });
  authors.forEach((_, i) => doc.getMap('jobs').set(`k${i}`, i));
  return out;
}

function contentOf(rows: readonly Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, row);
  return doc.getMap('jobs').toJSON();
}

describe('attributedRows', () => {
  it('merges each run of one author into its own rows, in order, losing nothing', () => {
    const pending = updatesBy(['ann', 'ann', 'ben', 'ann', 'ann']);
    const rows = attributedRows(pending);
    expect(rows.map((r) => r.by.userId)).toEqual(['ann', 'ben', 'ann']);
    expect(contentOf(rows.map((r) => r.data))).toEqual(contentOf(pending.map((p) => p.update)));
    expect(contentOf(rows.slice(0, 2).map((r) => r.data))).toEqual({ k0: 0, k1: 1, k2: 2 }); // ben's row holds exactly k2
  });

  it('still splits a long run of one author into chunks of MERGE_CHUNK', () => {
    const rows = attributedRows(updatesBy(Array.from({ length: MERGE_CHUNK + 1 }, () => 'ann')));
    expect(rows).toHaveLength(2);
  });

  it('keeps the relay’s own changes apart from a user’s', () => {
    const pending = updatesBy(['ann', 'ann']);
    (pending[1] as PendingUpdate).by = { userId: 'ann', action: 'restore' };
    expect(attributedRows(pending).map((r) => r.by.action)).toEqual(['edit', 'restore']);
  });
});
