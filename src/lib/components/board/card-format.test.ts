import { describe, expect, it } from 'vitest';
import type { Technician } from '$lib/domain/directory/directory';
import { slaState } from '$lib/domain/jobs/sla';
import { assignedTechs, cardAriaLabel, cardSla, firstName, isUnassignedEmergency, showsPriority, slaBadgeText } from './card-format';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const tech = (id: string, name: string) => ({ id, name }) as Technician;
const DIRECTORY = new Map([
  ['t1', tech('t1', 'Ben Okafor')],
  ['t2', tech('t2', 'Ana  Lopez')]
]);

describe('card formatting shared by board and wall cards', () => {
  it('says the SLA once: never "SLA SLA met"', () => {
    expect(slaBadgeText(slaState('2026-03-01T11:00:00Z', 'completed', NOW))).toBe('SLA met');
    expect(slaBadgeText(slaState('2026-03-01T15:30:00Z', 'scheduled', NOW))).toBe('SLA due in 3h 30m');
    expect(slaBadgeText(slaState('2026-03-01T11:15:00Z', 'on_site', NOW))).toBe('SLA overdue 45m');
    expect(slaBadgeText(slaState(null, 'new', NOW))).toBe('');
  });

  it('gives board and wall the same SLA facts in their own words', () => {
    const overdue = cardSla({ slaDue: '2026-02-27T17:57:00Z', status: 'new' }, NOW);
    expect(overdue).toMatchObject({ text: 'overdue 42h 03m', wallText: 'Overdue 42h 03m', tone: 'overdue' });
    expect(cardSla({ slaDue: '2026-03-01T13:00:00Z', status: 'new' }, NOW)).toMatchObject({ text: 'due in 1h 00m', tone: 'soon' });
    expect(cardSla({ slaDue: '2026-03-02T12:00:00Z', status: 'new' }, NOW)).toMatchObject({ wallText: 'Due 24h 00m', tone: null });
    // Met or without a deadline: nothing to show on a card.
    expect(cardSla({ slaDue: '2026-02-27T00:00:00Z', status: 'closed' }, NOW)).toMatchObject({ text: '', wallText: '', tone: null });
    expect(cardSla({ slaDue: null, status: 'new' }, NOW).text).toBe('');
  });

  it('finds assigned technicians in order, skips unknown ids, and shortens names', () => {
    const techs = assignedTechs({ assignedTechIds: ['t2', 'gone', 't1'] }, DIRECTORY);
    expect(techs.map((t) => t.id)).toEqual(['t2', 't1']);
    expect(firstName('Ana  Lopez')).toBe('Ana');
    expect(firstName('Cher')).toBe('Cher');
  });

  it('flags unassigned emergencies and only high/urgent priorities', () => {
    expect(isUnassignedEmergency({ type: 'emergency' }, [])).toBe(true);
    expect(isUnassignedEmergency({ type: 'emergency' }, [tech('t1', 'Ben Okafor')])).toBe(false);
    expect(isUnassignedEmergency({ type: 'repair' }, [])).toBe(false);
    expect(['low', 'normal', 'high', 'urgent'].filter((p) => showsPriority(p as 'low'))).toEqual(['high', 'urgent']);
  });

  it('reads a card aloud with who is on it and an overdue SLA', () => {
    const sla = cardSla({ slaDue: '2026-03-01T11:15:00Z', status: 'new' }, NOW);
    const job = { number: 'J-AB12-0007', customerName: 'Rossi & Sons', priority: 'urgent' as const };
    expect(cardAriaLabel(job, [tech('t1', 'Ben Okafor')], sla)).toBe('J-AB12-0007, Rossi & Sons, Urgent priority, assigned to Ben Okafor, SLA overdue 45m');
    expect(cardAriaLabel(job, [], cardSla({ slaDue: null, status: 'new' }, NOW))).toBe('J-AB12-0007, Rossi & Sons, Urgent priority, unassigned');
  });
});
