import { describe, expect, it } from 'vitest';
import { syncDetail, syncLabel } from './sync-label';

describe('syncLabel', () => {
  it('names the phase and counts pending changes', () => {
    expect(syncLabel('offline', 3)).toBe('Offline · 3 changes pending');
    expect(syncLabel('offline', 1)).toBe('Offline · 1 change pending');
    expect(syncLabel('syncing', 0)).toBe('Syncing…');
    expect(syncLabel('synced', 0)).toBe('Synced');
  });

  it('never hides pending changes, even in the synced phase', () => {
    expect(syncLabel('synced', 2)).toBe('Synced · 2 changes pending');
  });
});

describe('syncDetail', () => {
  it('tells an offline user their changes are kept on the device', () => {
    const text = syncDetail('offline', 2, null, 0);
    expect(text).toContain('keep working');
    expect(text).toContain('saved on this device');
    expect(text).toContain('Never synced');
  });
});
