import * as Y from 'yjs';
import { gzipSync } from 'node:zlib';
import { generateCompanyHistory } from '../bench/fixtures/company-history';
const h = generateCompanyHistory({ days: 14, seed: 1 });
const doc = h.board.doc;
const full = Y.encodeStateAsUpdate(doc);
const v2 = Y.encodeStateAsUpdateV2(doc);
console.log('jobs', h.board.jobs.size, 'v1', full.byteLength, 'v2', v2.byteLength, 'gz v1', gzipSync(full).byteLength, 'gz v2', gzipSync(v2).byteLength);
console.log('per job v1', (full.byteLength / h.board.jobs.size).toFixed(0), 'v2', (v2.byteLength/h.board.jobs.size).toFixed(0));
console.log(h.counts);
// per collection: copy into fresh doc
for (const key of [...doc.share.keys()]) {
  const m = doc.getMap(key);
  const d = new Y.Doc();
  d.transact(() => { const t = d.getMap(key); for (const [k, v] of m) { if (v instanceof Y.Map) { const e = new Y.Map(); t.set(k, e); for (const [f, x] of v) e.set(f, x); } else t.set(k, v); } });
  const b1 = Y.encodeStateAsUpdate(d).byteLength; const b2 = Y.encodeStateAsUpdateV2(d).byteLength;
  const json = JSON.stringify(m.toJSON()).length;
  // as plain values (one item per record)
  const p = new Y.Doc(); p.transact(() => { const t = p.getMap(key); for (const [k, v] of m) t.set(k, v instanceof Y.Map ? v.toJSON() : v); });
  const pb = Y.encodeStateAsUpdate(p).byteLength;
  if (m.size) console.log(key.padEnd(18), String(m.size).padStart(7), 'v1', String(b1).padStart(9), 'v2', String(b2).padStart(9), 'json', String(json).padStart(9), 'plain', String(pb).padStart(9), 'per', (b1/m.size).toFixed(0));
}
const someJob = [...doc.getMap('jobs').values()][5] as Y.Map<unknown>;
console.log(JSON.stringify(someJob.toJSON(), null, 0));
const ev = [...doc.getMap('jobEvents').values()][5] as Y.Map<unknown>;
console.log(JSON.stringify(ev.toJSON()));
for (const k of ['timeEntries','statusTaps','partUses','fieldNotes','jobActivity','visits']) { const x=[...doc.getMap(k).values()][3] as Y.Map<unknown>; if (x) console.log(k, JSON.stringify(x.toJSON())); }
