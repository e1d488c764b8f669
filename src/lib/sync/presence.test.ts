import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { colorForUser, initials, Presence } from './presence';

/** Two awareness instances wired to each other, the way the relay forwards frames. */
function linkedPair() {
  const a = new Awareness(new Y.Doc());
  const b = new Awareness(new Y.Doc());
  a.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin !== 'remote') applyAwarenessUpdate(b, encodeAwarenessUpdate(a, [...added, ...updated, ...removed]), 'remote');
  });
  b.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    if (origin !== 'remote') applyAwarenessUpdate(a, encodeAwarenessUpdate(b, [...added, ...updated, ...removed]), 'remote');
  });
  return { a, b };
}

describe('Presence', () => {
  it('shows each peer which job the other is editing', () => {
    const { a, b } = linkedPair();
    const ana = new Presence(a, { id: 'ana', name: 'Ana Lopez', color: '#1f77b4' });
    const ben = new Presence(b, { id: 'ben', name: 'Ben Okafor', color: '#d1495b' });
    ana.set({ path: '/board', jobId: 'job-1', mode: 'editing' });
    const seenByBen = ben.peers().find((p) => p.user.id === 'ana');
    expect(seenByBen).toMatchObject({ jobId: 'job-1', mode: 'editing', self: false, path: '/board' });
    expect(ana.peers().find((p) => p.user.id === 'ana')?.self).toBe(true);
  });

  it('leaves out peers whose state is not a Fieldboard presence', () => {
    const { a, b } = linkedPair();
    b.setLocalState({ cursor: 42 }); // a stock client or an old version
    const ana = new Presence(a, { id: 'ana', name: 'Ana', color: '#1f77b4' });
    expect(ana.peers().map((p) => p.user.id)).toEqual(['ana']);
  });

  it('calls back on a peer change and withdraws on destroy', () => {
    const { a, b } = linkedPair();
    const ana = new Presence(a, { id: 'ana', name: 'Ana', color: '#1f77b4' });
    const ben = new Presence(b, { id: 'ben', name: 'Ben', color: '#d1495b' });
    let calls = 0;
    const off = ana.onChange(() => calls++);
    ben.set({ jobId: 'job-2', mode: 'viewing' });
    expect(calls).toBeGreaterThan(0);
    ben.destroy();
    expect(ana.peers().map((p) => p.user.id)).toEqual(['ana']);
    off();
  });

  it('does not resend an unchanged state', () => {
    const { a, b } = linkedPair();
    const ana = new Presence(a, { id: 'ana', name: 'Ana', color: '#1f77b4' });
    new Presence(b, { id: 'ben', name: 'Ben', color: '#d1495b' });
    ana.set({ jobId: 'x', mode: 'viewing' });
    let updates = 0;
    b.on('change', () => updates++);
    ana.set({ jobId: 'x', mode: 'viewing' });
    expect(updates).toBe(0);
  });
});

describe('initials and colours', () => {
  it('makes two-letter initials and stable colours', () => {
    expect(initials('Ana Lopez')).toBe('AL');
    expect(initials('dispatcher-7')).toBe('D7');
    expect(initials('bob')).toBe('BO');
    expect(colorForUser('ana')).toBe(colorForUser('ana'));
    expect(colorForUser('ana')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
