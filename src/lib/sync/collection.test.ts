import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { z } from 'zod';
import { Collection } from './collection';

const schema = z.object({ id: z.string(), name: z.string(), tags: z.record(z.string(), z.boolean()).optional() });

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function replica(doc = new Y.Doc()): { doc: Y.Doc; items: Collection<z.infer<typeof schema>> } {
  return { doc, items: new Collection(doc.getMap('items'), schema, { setFields: ['tags'] }) };
}

describe('Collection set fields', () => {
  it('stores one flat key per member and reads them folded into one object', () => {
    const { doc, items } = replica();
    doc.transact(() => items.insert({ id: 'x', name: 'X', tags: { a: true } }));
    doc.transact(() => items.setMembers('x', 'tags', { b: true, a: false }));
    expect((doc.getMap('items').get('x') as Y.Map<unknown>).toJSON()).toEqual({ name: 'X', 'tags:a': false, 'tags:b': true });
    expect(items.get('x')).toEqual({ id: 'x', name: 'X', tags: { a: false, b: true } });
    expect(items.hasSet('x', 'tags')).toBe(true);
  });

  it('merges concurrent adds of different members and keeps a removal', () => {
    const a = replica();
    const b = replica();
    a.doc.transact(() => a.items.insert({ id: 'x', name: 'X', tags: { old: true } }));
    sync(a.doc, b.doc);
    a.doc.transact(() => a.items.setMembers('x', 'tags', { p: true }));
    b.doc.transact(() => b.items.setMembers('x', 'tags', { q: true, old: false }));
    sync(a.doc, b.doc);
    for (const r of [a, b]) expect(r.items.get('x')?.tags).toEqual({ old: false, p: true, q: true });
  });

  it('refuses to overwrite a set field with patch, and set writes on plain fields', () => {
    const { doc, items } = replica();
    doc.transact(() => items.insert({ id: 'x', name: 'X' }));
    expect(() => items.patch('x', { tags: { a: true } })).toThrow(/set field/);
    expect(() => items.setMembers('x', 'name', { a: true })).toThrow(/not a set field/);
  });
});

describe('Collection last readable state', () => {
  it('keeps serving the last good parse of a record that turns invalid, and reports it', () => {
    const { doc, items } = replica();
    doc.transact(() => items.insert({ id: 'x', name: 'X' }));
    expect(items.get('x')?.name).toBe('X');
    (doc.getMap('items').get('x') as Y.Map<unknown>).set('name', 42);
    expect(items.get('x')).toEqual({ id: 'x', name: 'X' });
    expect(items.list().map((i) => i.id)).toEqual(['x']);
    expect(items.invalid()).toEqual([{ id: 'x', message: expect.stringMatching(/name/) }]);
    (doc.getMap('items').get('x') as Y.Map<unknown>).set('name', 'Y');
    expect(items.get('x')?.name).toBe('Y');
    expect(items.invalid()).toEqual([]);
  });

  it('leaves out a record that was never readable, but its raw fields still count', () => {
    const { doc, items } = replica();
    const bad = new Y.Map<unknown>();
    bad.set('name', 7);
    doc.getMap('items').set('bad', bad);
    expect(items.get('bad')).toBeUndefined();
    expect(items.list()).toEqual([]);
    expect(items.rawValues('name')).toEqual([7]);
  });
});
