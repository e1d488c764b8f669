import { describe, expect, it } from 'vitest';
import { MemoryStore } from './pending-ledger';
import { claimDeviceSeries, knownDeviceCodes } from './device';
import { MemoryLocks } from './memory-locks';

/** Deterministic "random" bytes: each call yields the next code of the alphabet. */
function counterBytes(): () => Uint8Array {
  let n = 0;
  return () => {
    n++;
    return new Uint8Array([n, n, n, n]);
  };
}

describe('claimDeviceSeries', () => {
  it('gives two live tabs of one browser different codes and lists both', async () => {
    const store = new MemoryStore();
    const locks = new MemoryLocks();
    const random = counterBytes();
    const first = await claimDeviceSeries(store, locks, random);
    const second = await claimDeviceSeries(store, locks, random);
    expect(first.code).not.toBe(second.code);
    expect(knownDeviceCodes(store)).toEqual([first.code, second.code]);
  });

  it('reuses a free code after a tab closes instead of burning a new series', async () => {
    const store = new MemoryStore();
    const locks = new MemoryLocks();
    const random = counterBytes();
    const first = await claimDeviceSeries(store, locks, random);
    const second = await claimDeviceSeries(store, locks, random);
    first.release();
    // The lock is freed once the holder's promise settles: wait for that condition.
    while (locks.isHeld(`fieldboard.series.${first.code}`)) await Promise.resolve();
    const reloaded = await claimDeviceSeries(store, locks, random);
    expect(reloaded.code).toBe(first.code);
    expect(knownDeviceCodes(store)).toEqual([first.code, second.code]);
  });

  it('starts from the code the first release saved', async () => {
    const store = new MemoryStore();
    store.set('fieldboard.deviceCode', 'AB23');
    expect((await claimDeviceSeries(store, new MemoryLocks(), counterBytes())).code).toBe('AB23');
  });

  it('without Web Locks gives every tab a fresh code that is never listed', async () => {
    const store = new MemoryStore();
    store.set('fieldboard.deviceCode', 'AB23');
    const random = counterBytes();
    const a = await claimDeviceSeries(store, undefined, random);
    const b = await claimDeviceSeries(store, undefined, random);
    expect(new Set([a.code, b.code, 'AB23']).size).toBe(3);
    expect(a.locked).toBe(false);
    expect(knownDeviceCodes(store)).toEqual(['AB23']);
  });

  it('reads a damaged list as empty rather than failing', async () => {
    const store = new MemoryStore();
    store.set('fieldboard.deviceCodes', '{not json');
    const series = await claimDeviceSeries(store, new MemoryLocks(), counterBytes());
    expect(knownDeviceCodes(store)).toEqual([series.code]);
  });
});
