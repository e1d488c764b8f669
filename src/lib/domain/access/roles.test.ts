import { describe, expect, it } from 'vitest';
import { canRead, canWrite, isDocName, isRole, roomAccess } from './roles';

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

  it('treats archives like the board', () => {
    expect(roomAccess('technician', 'archive-2025-03')).toBe('rw');
    expect(roomAccess('manager', 'archive-2025-03')).toBe('ro');
  });
});

describe('names', () => {
  it('accepts live docs and well-formed archive months only', () => {
    expect(isDocName('board')).toBe(true);
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
