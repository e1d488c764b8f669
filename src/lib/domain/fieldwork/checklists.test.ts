import { describe, expect, it } from 'vitest';
import { JOB_TYPES } from '../jobs/job';
import { checkedItems, checklistFor } from './checklists';

describe('checklistFor', () => {
  it('has a checklist with unique item ids for every job type', () => {
    for (const type of JOB_TYPES) {
      const items = checklistFor(type);
      expect(items.length, type).toBeGreaterThan(2);
      expect(new Set(items.map((i) => i.id)).size, type).toBe(items.length);
    }
  });
  it('gives installs a commissioning step and reads unknown types as repairs', () => {
    expect(checklistFor('install').map((i) => i.id)).toContain('commission');
    expect(checklistFor('teleport')).toEqual(checklistFor('repair'));
  });
});

describe('checkedItems', () => {
  it('keeps the latest tick per item by stamp, whatever the order records arrive in', () => {
    const checks = [
      { id: 'a', itemId: 'test', checked: true, at: '2026-06-10T16:00:00.000Z' },
      { id: 'b', itemId: 'test', checked: false, at: '2026-06-10T16:05:00.000Z' },
      { id: 'c', itemId: 'repair', checked: true, at: '2026-06-10T16:01:00.000Z' }
    ];
    expect([...checkedItems(checks)]).toEqual(['repair']);
    expect([...checkedItems([...checks].reverse())]).toEqual(['repair']);
  });
});
