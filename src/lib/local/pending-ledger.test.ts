import { describe, expect, it } from 'vitest';
import { MemoryStore, PendingLedger } from './pending-ledger';

describe('PendingLedger', () => {
  it('counts local changes until the relay vector covers them', () => {
    const ledger = new PendingLedger('acme/board', new MemoryStore());
    ledger.recordLocal(7, 3);
    ledger.recordLocal(7, 5);
    ledger.recordLocal(9, 1);
    expect(ledger.count).toBe(3);
    expect(ledger.confirm(new Map([[7, 3]]), 1000)).toBe(1);
    expect(ledger.count).toBe(2);
    expect(ledger.confirm(new Map([[7, 5], [9, 1]]), 2000)).toBe(2);
    expect(ledger.count).toBe(0);
    expect(ledger.lastConfirmedAt).toBe(2000);
  });

  it('survives a reload: pending entries and the relay vector come back', () => {
    const store = new MemoryStore();
    const first = new PendingLedger('acme/board', store);
    first.confirm(new Map([[1, 10]]), 500);
    first.recordLocal(2, 4);
    const second = new PendingLedger('acme/board', store);
    expect(second.count).toBe(1);
    expect(second.lastConfirmedAt).toBe(500);
    // Already covered by the saved relay vector: not pending.
    second.recordLocal(1, 9);
    expect(second.count).toBe(1);
  });

  it('starts empty instead of failing when the saved ledger is corrupt', () => {
    const store = new MemoryStore();
    store.set('fieldboard.pending.acme/board', '{"pending": "not an array"');
    const ledger = new PendingLedger('acme/board', store);
    expect(ledger.count).toBe(0);
    ledger.recordLocal(1, 1);
    expect(new PendingLedger('acme/board', store).count).toBe(1);
  });
});
