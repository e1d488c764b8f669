import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MemoryStore } from '../local/pending-ledger';
import { boardDocToOpen, rememberBoardDoc, rememberedBoardDoc, successorIn } from './board-succession';

describe('which board generation a device opens', () => {
  it('remembers the board room per org and never goes back to an older generation', () => {
    const store = new MemoryStore();
    expect(rememberedBoardDoc(store, 'acme')).toBeNull();
    rememberBoardDoc(store, 'acme', 'board-g3');
    rememberBoardDoc(store, 'acme', 'board-g2');
    rememberBoardDoc(store, 'acme', 'finance');
    expect(rememberedBoardDoc(store, 'acme')).toBe('board-g3');
    expect(rememberedBoardDoc(store, 'other')).toBeNull();
  });

  it('opens the remembered room without asking, asks the relay otherwise, and falls back to board', async () => {
    const store = new MemoryStore();
    let asked = 0;
    const ask = async () => {
      asked++;
      return 'board-g4';
    };
    expect(await boardDocToOpen(store, 'acme', ask)).toBe('board-g4');
    expect(await boardDocToOpen(store, 'acme', ask)).toBe('board-g4');
    expect(asked).toBe(1);
    expect(await boardDocToOpen(new MemoryStore(), 'acme', () => Promise.reject(new Error('offline')))).toBe('board');
    expect(await boardDocToOpen(new MemoryStore(), 'acme', async () => 'archive-2026-01')).toBe('board');
  });

  it('follows only a successor later than the open generation', () => {
    const doc = new Y.Doc();
    expect(successorIn(doc, 'board')).toBeNull();
    doc.getMap('meta').set('successor', 'board-g2');
    expect(successorIn(doc, 'board')).toBe('board-g2');
    expect(successorIn(doc, 'board-g2')).toBeNull();
    doc.getMap('meta').set('successor', 'finance');
    expect(successorIn(doc, 'board')).toBeNull();
  });
});
