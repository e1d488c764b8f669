import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedChangeVault, refusedChangeFileName } from './refused-changes';

describe('RefusedChangeVault', () => {
  const vault = new RefusedChangeVault();
  afterEach(async () => {
    for (const change of await vault.list()) await vault.remove(change.id);
  });

  it('keeps backups per room, bytes intact, until removed', async () => {
    const update = new Uint8Array([1, 2, 3, 250]);
    const id = await vault.save({ room: 'acme/board', refusedAt: '2026-11-20T12:00:00.000Z', reason: 'wrong-author', detail: 'jobEvents/e1.by', update });
    await vault.save({ room: 'acme/finance', refusedAt: '2026-11-20T12:01:00.000Z', reason: 'delete-entity', detail: '', update: new Uint8Array([9]) });
    expect((await vault.get(id))?.update).toEqual(update);
    expect((await vault.list('acme/board')).map((c) => c.reason)).toEqual(['wrong-author']);
    expect(await vault.list()).toHaveLength(2);
    await vault.remove(id);
    expect(await vault.get(id)).toBeUndefined();
    expect(await vault.list('acme/board')).toEqual([]);
  });

  it('names export files after the room and backup', () => {
    expect(refusedChangeFileName({ id: 3, room: 'acme/board' })).toBe('fieldboard-acme-board-refused-3.yjs');
  });
});
