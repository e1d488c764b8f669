import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { completedJob } from '../domain/kpi/fixtures';
import { summaryRow, type JobSummary } from '../domain/kpi/job-summary';
import { PROJECTION_VERSION, ReportingStore } from './reporting-store';

const row = (id: string): JobSummary => summaryRow(completedJob(id, '2026-06-02T16:00:00.000Z'), [], `sig-${id}`);
let room = 0;
const freshStore = () => new ReportingStore(`test-${room++}/board`);

describe('reporting store', () => {
  it('is empty on a new device, then gives back exactly what was saved', async () => {
    const store = freshStore();
    expect(await store.load()).toMatchObject({ ok: false, reason: 'empty' });
    await store.replaceAll([row('a'), row('b')]);
    await store.put([{ ...row('b'), status: 'invoiced' }]);
    const loaded = await store.load();
    expect(loaded.ok && loaded.rows.map((r) => [r.id, r.status])).toEqual([
      ['a', 'completed'],
      ['b', 'invoiced']
    ]);
  });

  it('asks for a rebuild when another version built the rows', async () => {
    const store = freshStore();
    await store.replaceAll([row('a')]);
    await store.setVersion(PROJECTION_VERSION + 1);
    expect(await store.load()).toMatchObject({ ok: false, reason: 'version' });
    await store.replaceAll([row('a')]);
    expect((await store.load()).ok).toBe(true);
  });

  it('asks for a rebuild, naming the row, when a row is damaged', async () => {
    const store = freshStore();
    await store.replaceAll([row('a')]);
    await store.putRaw({ id: 'broken', status: 'nonsense' });
    const loaded = await store.load();
    expect(loaded).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(!loaded.ok && loaded.message).toContain('broken');
  });
});
