import { describe, expect, it } from 'vitest';
import { archiveMonthInRange, canRead, canWrite, isDocName, isRole, roomAccess } from './roles';

describe('roomAccess', () => {
  it('gives admins and dispatchers read-write on board and finance', () => {
    for (const role of ['admin', 'dispatcher'] as const) {
      expect(roomAccess(role, 'board')).toBe('rw');
      expect(roomAccess(role, 'finance')).toBe('rw');
    }
  });

  it('keeps technicians out of finance but lets them write the board', () => {
    expect(roomAccess('technician', 'board')).toBe('rw');
    expect(roomAccess('technician', 'finance')).toBe('none');
  });

  it('makes managers read-only everywhere and wallboards read-only on board only', () => {
    expect(roomAccess('manager', 'board')).toBe('ro');
    expect(roomAccess('manager', 'finance')).toBe('ro');
    expect(roomAccess('wallboard', 'board')).toBe('ro');
    expect(canRead('wallboard', 'finance')).toBe(false);
    expect(canWrite('wallboard', 'board')).toBe(false);
  });

  it('lets only the archiving roles write archives; technicians and managers read them, wallboards not at all', () => {
    expect(roomAccess('admin', 'archive-2025-03')).toBe('rw');
    expect(roomAccess('dispatcher', 'archive-2025-03')).toBe('rw');
    expect(roomAccess('technician', 'archive-2025-03')).toBe('ro');
    expect(roomAccess('manager', 'archive-2025-03')).toBe('ro');
    expect(roomAccess('wallboard', 'archive-2025-03')).toBe('none');
  });

  it('gives the catalog to the office to change and to technicians and managers to read', () => {
    expect(roomAccess('admin', 'catalog')).toBe('rw');
    expect(roomAccess('dispatcher', 'catalog')).toBe('rw');
    expect(roomAccess('technician', 'catalog')).toBe('ro');
    expect(roomAccess('manager', 'catalog')).toBe('ro');
    expect(roomAccess('wallboard', 'catalog')).toBe('none');
  });
});

describe('archiveMonthInRange', () => {
  const now = new Date('2026-11-29T16:00:00Z');

  it('accepts months from 2000-01 to the month after the relay clock', () => {
    expect(archiveMonthInRange('archive-2000-01', now)).toBe(true);
    expect(archiveMonthInRange('archive-2026-11', now)).toBe(true);
    expect(archiveMonthInRange('archive-2026-12', now)).toBe(true);
    expect(archiveMonthInRange('board', now)).toBe(true);
  });

  it('refuses months before 2000 or more than one month ahead', () => {
    expect(archiveMonthInRange('archive-0001-01', now)).toBe(false);
    expect(archiveMonthInRange('archive-1999-12', now)).toBe(false);
    expect(archiveMonthInRange('archive-2027-01', now)).toBe(false);
    expect(archiveMonthInRange('archive-9999-12', now)).toBe(false);
  });

  it('rolls over the year in December', () => {
    expect(archiveMonthInRange('archive-2027-01', new Date('2026-12-31T23:59:59Z'))).toBe(true);
  });
});

describe('names', () => {
  it('accepts live docs and well-formed archive months only', () => {
    expect(isDocName('board')).toBe(true);
    expect(isDocName('catalog')).toBe(true);
    expect(isDocName('archive-2024-12')).toBe(true);
    expect(isDocName('archive-2024-13')).toBe(false);
    expect(isDocName('boards')).toBe(false);
    expect(isDocName('../board')).toBe(false);
  });

  it('recognises only the five roles', () => {
    expect(isRole('wallboard')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
