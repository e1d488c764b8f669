import { describe, expect, it } from 'vitest';
import { unassignedEmergencies } from './emergency';

const job = (id: string, over: Partial<Parameters<typeof unassignedEmergencies>[0][number]> = {}) => ({
  id, type: 'emergency' as const, status: 'new' as const, assignedTechIds: [] as string[], createdAt: `2026-03-03T0${id}:00:00.000Z`, ...over
});

describe('unassignedEmergencies', () => {
  it('alerts on open emergencies nobody is assigned to, oldest first', () => {
    const found = unassignedEmergencies([
      job('3'),
      job('1'),
      job('2', { assignedTechIds: ['t1'] }),
      job('4', { type: 'repair' }),
      job('5', { status: 'completed' }),
      job('6', { status: 'cancelled' }),
      job('7', { status: 'on_hold' })
    ]);
    expect(found.map((j) => j.id)).toEqual(['1', '3', '7']);
  });
});
