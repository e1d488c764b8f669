import { describe, expect, it } from 'vitest';
import { boardDocName, docKind, generationOf, isBoardDoc } from './board-generation';

describe('board generations', () => {
  it('names generation 1 board and later ones board-gN, and reads them back', () => {
    expect(boardDocName(1)).toBe('board');
    expect(boardDocName(2)).toBe('board-g2');
    expect(boardDocName(17)).toBe('board-g17');
    for (const n of [1, 2, 9, 10, 123]) expect(generationOf(boardDocName(n))).toBe(n);
  });

  it('refuses names that are no generation', () => {
    for (const doc of ['board-g1', 'board-g0', 'board-g02', 'board-g', 'board-gx', 'board-g1234567', 'boards', 'finance']) expect(generationOf(doc)).toBeNull();
    expect(() => boardDocName(0)).toThrow(RangeError);
    expect(() => boardDocName(1.5)).toThrow(RangeError);
  });

  it('gives every doc name its kind', () => {
    expect(docKind('board')).toBe('board');
    expect(docKind('board-g3')).toBe('board');
    expect(docKind('finance')).toBe('finance');
    expect(docKind('catalog')).toBe('catalog');
    expect(docKind('archive-2026-02')).toBe('archive');
    expect(docKind('archive-2026-13')).toBeNull();
    expect(docKind('board-g1')).toBeNull();
    expect(isBoardDoc('board-g4')).toBe(true);
  });
});

describe('a board generation follows the board’s rules', () => {
  it('grants the board’s access and applies the board’s collection rules', async () => {
    const { roomAccess, isDocName } = await import('../access/roles');
    const { ruleFor } = await import('./room-rules');
    for (const role of ['admin', 'dispatcher', 'technician', 'manager', 'wallboard'] as const) expect(roomAccess(role, 'board-g2')).toBe(roomAccess(role, 'board'));
    expect(isDocName('board-g7')).toBe(true);
    expect(isDocName('board-g1')).toBe(false);
    expect(ruleFor('payrollLocks', 'board-g3')).toBe(ruleFor('payrollLocks', 'board'));
    expect(ruleFor('archiveMoves', 'board-g3')).toBeDefined();
    expect(ruleFor('payrollLocks', 'finance')).toBeUndefined();
  });
});
