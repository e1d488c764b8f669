import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardDoc } from './board-doc';

const admin = { id: 'u-admin' };
const NOW = new Date('2026-03-02T08:00:00.000Z');

function setup() {
  const board = new BoardDoc(new Y.Doc());
  const tech = board.directory.createTechnician({ name: 'Tess' });
  const office = board.directory.createOffice({ name: 'North', code: 'SF-N' });
  if (!tech.ok || !office.ok) throw new Error('setup');
  return { board, techId: tech.value.id, officeId: office.value.id };
}

describe('availability', () => {
  it('adds and removes time off (marked, never deleted), refusing bad ranges and unknown technicians', () => {
    const { board, techId } = setup();
    const added = board.availability.addTimeOff({ technicianId: techId, start: '2026-03-05T16:00:00.000Z', end: '2026-03-06T01:00:00.000Z', reason: 'Dentist' }, admin, NOW);
    expect(added).toMatchObject({ ok: true, value: { technicianId: techId, reason: 'Dentist', window: { start: '2026-03-05T16:00:00.000Z' } } });
    expect(board.availability.addTimeOff({ technicianId: techId, start: '2026-03-06T00:00:00.000Z', end: '2026-03-05T00:00:00.000Z' }, admin, NOW)).toEqual({ ok: false, errors: { end: 'Time off must end after it starts.' } });
    expect(board.availability.addTimeOff({ technicianId: 'ghost', start: '2026-03-05T00:00:00.000Z', end: '2026-03-06T00:00:00.000Z' }, admin, NOW)).toMatchObject({ ok: false, errors: { technicianId: expect.any(String) } });
    if (!added.ok) throw new Error('add failed');
    expect(board.availability.removeTimeOff(added.value.id)).toBe(true);
    expect(board.availability.listTimeOff()).toEqual([]);
    expect(board.availability.timeOff.get(added.value.id)?.removed).toBe(true);
  });

  it('adds holidays for one office or all, and sets an office reserve within 0–50 %', () => {
    const { board, officeId } = setup();
    expect(board.availability.addHoliday({ date: '2026-12-25', name: 'Christmas', officeId: null }, admin, NOW)).toMatchObject({ ok: true });
    expect(board.availability.addHoliday({ date: '2026-07-01', name: 'Office picnic', officeId }, admin, NOW)).toMatchObject({ ok: true });
    expect(board.availability.addHoliday({ date: 'soon', name: 'x', officeId: null }, admin, NOW)).toMatchObject({ ok: false, errors: { date: expect.any(String) } });
    expect(board.availability.listHolidays().map((h) => h.name)).toEqual(['Office picnic', 'Christmas']);
    expect(board.availability.setEmergencyReserve(officeId, '10')).toEqual({ ok: true, value: 10 });
    expect(board.directory.offices.get(officeId)?.emergencyReservePercent).toBe(10);
    expect(board.availability.setEmergencyReserve(officeId, 80)).toMatchObject({ ok: false });
    expect(board.directory.offices.get(officeId)?.emergencyReservePercent).toBe(10);
  });
});
