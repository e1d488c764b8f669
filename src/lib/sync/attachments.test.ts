import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkNewRecord, isImmutableCollection } from '../domain/rooms/room-rules';
import { BoardDoc } from './board-doc';

const HASH = 'd'.repeat(64);
const actor = { id: 'usr_tech', name: 'Ana' };
const photo = { jobId: 'j1', visitId: 'v1:j1', kind: 'photo', sha256: HASH, type: 'image/webp', size: 1234, width: 2048, height: 1536 };

describe('attachments', () => {
  it('records an attachment with its author and time, and lists a visit’s photos before its signature', () => {
    const board = new BoardDoc(new Y.Doc());
    const signed = board.attachments.add({ ...photo, kind: 'signature', type: 'image/png', signerName: ' Dana ' }, actor, new Date('2026-06-10T20:00:00Z'));
    const shot = board.attachments.add({ ...photo, caption: '  boiler plate ' }, actor, new Date('2026-06-10T20:05:00Z'));
    expect(signed.ok && shot.ok).toBe(true);
    const list = board.attachments.forVisit('v1:j1');
    expect(list.map((a) => [a.kind, a.signerName ?? a.caption, a.by, a.byName])).toEqual([
      ['photo', 'boiler plate', 'usr_tech', 'Ana'],
      ['signature', 'Dana', 'usr_tech', 'Ana']
    ]);
    expect(board.attachments.forVisit('other')).toEqual([]);
    expect(board.attachments.forJob('j1')).toHaveLength(2);
  });

  it('refuses a signature without a signer, a bad hash or a type the blob store does not take, writing nothing', () => {
    const board = new BoardDoc(new Y.Doc());
    expect(board.attachments.add({ ...photo, kind: 'signature' }, actor)).toMatchObject({ ok: false, error: expect.stringContaining('name of the person signing') });
    expect(board.attachments.add({ ...photo, sha256: 'xyz' }, actor).ok).toBe(false);
    expect(board.attachments.add({ ...photo, type: 'image/gif' }, actor).ok).toBe(false);
    expect(board.attachments.collection.size).toBe(0);
  });

  it('writes records the relay’s rules accept from their author only, and treats them as immutable', () => {
    const doc = new Y.Doc();
    const board = new BoardDoc(doc);
    const added = board.attachments.add(photo, actor, new Date('2026-06-10T20:00:00Z'));
    if (!added.ok) throw new Error(added.error);
    const entity = doc.getMap('attachments').get(added.attachment.id) as Y.Map<unknown>;
    const fields = new Map(entity.entries());
    const writer = { subject: 'usr_tech', nowMs: Date.parse('2026-06-10T20:01:00Z'), maxFutureMs: 300_000 };
    expect(checkNewRecord('attachments', added.attachment.id, fields, writer)).toBeNull();
    expect(checkNewRecord('attachments', added.attachment.id, fields, { ...writer, subject: 'usr_other' })?.reason).toBe('wrong-author');
    expect(checkNewRecord('attachments', 'x', new Map([...fields, ['sha256', 'nope']]), writer)?.reason).toBe('bad-record');
    expect(isImmutableCollection('attachments')).toBe(true);
  });
});
