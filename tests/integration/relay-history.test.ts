/**
 * Issue 14, "Know who changed what, and undo it": a real relay process, real accounts and
 * real Yjs clients over websockets. Three users edit; the history lists each change under
 * the user the relay authenticated; a wipe is undone by a restore that reaches every client,
 * one offline during the restore included; one user's changes are undone without touching
 * the others'; attribution survives compaction (forced by a tiny threshold) and a restart.
 *
 * Points in time are taken from the history list itself (seq), never from the wall clock.
 * The wipe is a client delete on a relay started with ROOM_GUARD=off: the guard refuses
 * deletions now (relay-guard.test.ts), so this stands for a wipe that got in before it.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import type { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { z } from 'zod';
import {
  HISTORY_PATHS,
  historyChangeResultSchema,
  historyPageSchema,
  historyPreviewSchema,
  type HistoryEntry
} from '../../src/lib/domain/history/history-schemas';
import { ApiClient, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { stockClient, synced, until } from './support/clients';
import { adminHistory, expectThreeEditors, job, jobsOf, setUpMembers, threeUsersEdit, wipeJobs, type Member, type MemberKey } from './support/history-fixtures';

const ROOM = 'acme/board';

describe('relay history: attribution, restore and undo', () => {
  let relay: RelayProcess;
  let api: ApiClient;
  let admin: Member;
  let members: Record<MemberKey, Member>;
  const providers: WebsocketProvider[] = [];
  let calls: ReturnType<typeof adminHistory>;
  const get = <T>(path: string, schema: z.ZodType<T>) => calls.get(path, schema);
  const post = <T>(path: string, schema: z.ZodType<T>, body: unknown) => calls.post(path, schema, body);
  const history = (limit = 50) => calls.list(limit);
  const connect = async (member: Member): Promise<WebsocketProvider> => {
    const provider = stockClient(relay.wsUrl, ROOM, member.token);
    providers.push(provider);
    await synced(provider);
    return provider;
  };
  /** Every online client sees `check`: the relay committed and forwarded the change. */
  const everywhere = (clients: WebsocketProvider[], check: (doc: Y.Doc) => boolean, what: string) =>
    until(() => clients.every((p) => check(p.doc)), what);

  beforeAll(async () => {
    relay = await startRelay({ env: { ...FAST_ACCOUNTS_ENV, ROOM_GUARD: 'off', COMPACT_MAX_ROWS: '3' } });
    api = new ApiClient(relay.httpUrl);
    ({ admin, members } = await setUpMembers(api));
    calls = adminHistory(api, admin);
  });
  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    await relay.kill();
  });

  it('lists each change under the user the relay authenticated, restores a wipe on every client (offline one too) and undoes one user', async () => {
    const { bob, cara, dan } = members;
    const [bobApp, caraApp, danApp, bobTablet] = [await connect(bob), await connect(cara), await connect(dan), await connect(bob)];
    const online = [bobApp, caraApp, danApp, bobTablet];

    await threeUsersEdit({ bob: bobApp.doc, cara: caraApp.doc, dan: danApp.doc }, (check, what) => everywhere(online, check, what));
    const before = await history();
    expectThreeEditors(before, members);
    const beforeWipe = (before[0] as HistoryEntry).seq;
    const asBeforeWipe = jobsOf(bobApp.doc);

    // A technician wipes the board; every client sees it.
    wipeJobs(caraApp.doc);
    await everywhere(online, (d) => d.getMap('jobs').size === 0, 'the wipe');
    expect((await history())[0]).toMatchObject({ userId: cara.id, action: 'edit' });

    // The tablet goes offline before the restore.
    bobTablet.disconnect();

    const preview = await get(`${HISTORY_PATHS.preview}?doc=board&seq=${beforeWipe}`, historyPreviewSchema);
    expect(preview.status).toBe(200);
    expect(preview.body?.counts).toContainEqual({ collection: 'jobs', then: 4, now: 0 });
    expect(preview.body?.jobs.map((j) => [j.number, j.customerName, j.difference])).toEqual([
      ['J-BOB1-0001', 'Ms Alder', 'removed'],
      ['J-BOB1-0002', 'Mr Birch-Elm', 'removed'],
      ['J-BOB1-0003', 'Dr Cedar', 'removed'],
      ['J-CARA-0001', 'Mrs Dogwood', 'removed']
    ]);

    const restored = await post(HISTORY_PATHS.restore, historyChangeResultSchema, { doc: 'board', seq: beforeWipe });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ seq: beforeWipe, recreated: 4, reset: 0, keptNew: 0 });
    const stillOnline = [bobApp, caraApp, danApp];
    await everywhere(stillOnline, (d) => d.getMap('jobs').size === 4, 'the restore on online clients');
    for (const client of stillOnline) expect(jobsOf(client.doc)).toEqual(asBeforeWipe);
    expect((await history())[0]).toMatchObject({ userId: admin.id, userName: admin.name, action: 'restore' });

    // The offline tablet still holds the wipe; once back it converges on the restored board.
    expect(bobTablet.doc.getMap('jobs').size).toBe(0);
    bobTablet.connect();
    await until(() => bobTablet.doc.getMap('jobs').size === 4, 'the offline client to receive the restore');
    expect(jobsOf(bobTablet.doc)).toEqual(asBeforeWipe);

    // Undo Dan since a point: his edits and his removal go back, Bob's changes stay,
    // and where Bob changed a field after Dan, Bob's value is kept (a conflict).
    const beforeDan = ((await history())[0] as HistoryEntry).seq;
    danApp.doc.transact(() => {
      const jobs = danApp.doc.getMap('jobs');
      (jobs.get('job-3') as Y.Map<unknown>).set('customerName', 'Dr Typo');
      (jobs.get('job-4') as Y.Map<unknown>).set('problem', 'Dan’s guess');
      jobs.delete('job-1');
    });
    await everywhere(stillOnline, (d) => d.getMap('jobs').size === 3, 'Dan’s changes');
    bobApp.doc.transact(() => {
      const jobs = bobApp.doc.getMap('jobs');
      (jobs.get('job-3') as Y.Map<unknown>).set('problem', 'radiator cold');
      (jobs.get('job-4') as Y.Map<unknown>).set('problem', 'Bob checked: pump');
    });
    await everywhere(stillOnline, (d) => job(d, 'job-4')?.problem === 'Bob checked: pump', 'Bob’s later edits');

    const undone = await post(HISTORY_PATHS.undo, historyChangeResultSchema, { doc: 'board', userId: dan.id, seq: beforeDan });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ recreated: 1, reset: 1 });
    expect(undone.body?.conflicts).toEqual([{ collection: 'jobs', id: 'job-4', field: 'problem', keptBy: bob.id }]);
    await everywhere(stillOnline, (d) => d.getMap('jobs').size === 4 && job(d, 'job-3')?.customerName === 'Dr Cedar', 'the undo');
    for (const client of stillOnline) {
      expect(job(client.doc, 'job-1')).toEqual(asBeforeWipe['job-1']); // Dan's removal undone
      expect(job(client.doc, 'job-3')).toMatchObject({ customerName: 'Dr Cedar', problem: 'radiator cold' }); // Bob's edit kept
      expect(job(client.doc, 'job-4')?.problem).toBe('Bob checked: pump'); // Bob changed it after Dan: his stays
    }
    expect((await history())[0]).toMatchObject({ userId: admin.id, action: 'undo' });
  });

  it('keeps who changed what through compaction and a relay restart', async () => {
    const listed = await history(200);
    // Compaction ran (threshold 3 rows): covered rows left the live log but stayed in the history.
    const db = new Database(path.join(relay.dataDir, 'fieldboard.db'), { readonly: true, fileMustExist: true });
    try {
      const moved = db.prepare('SELECT COUNT(*) AS n FROM history_updates WHERE room = ?').get(ROOM) as { n: number };
      const snapshots = db.prepare('SELECT COUNT(*) AS n FROM snapshots WHERE room = ?').get(ROOM) as { n: number };
      expect(snapshots.n).toBe(1);
      expect(moved.n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    expect(listed.map((e) => e.userId)).toContain(members.bob.id);
    expect((await get(`${HISTORY_PATHS.list}?doc=board`, historyPageSchema)).body?.earliestSeq).toBe(0);

    for (const provider of providers.splice(0)) provider.destroy();
    await relay.restart();
    expect(await history(200)).toEqual(listed);
    // Paged, newest first: each page continues where the previous one ended.
    const page1 = (await get(`${HISTORY_PATHS.list}?doc=board&limit=2`, historyPageSchema)).body;
    const page2 = (await get(`${HISTORY_PATHS.list}?doc=board&limit=2&before=${page1?.nextBefore}`, historyPageSchema)).body;
    expect([...(page1?.entries ?? []), ...(page2?.entries ?? [])]).toEqual(listed.slice(0, 4));
    // A point given as an instant is the last row stored at or before it.
    const newest = listed[0] as HistoryEntry;
    const byTime = await get(`${HISTORY_PATHS.preview}?doc=board&at=${encodeURIComponent(newest.at)}`, historyPreviewSchema);
    expect(byTime.body?.seq).toBe(newest.seq);
    // And the oldest point still rebuilds: the board as Bob first created it.
    const first = listed.at(-1) as HistoryEntry;
    const preview = await get(`${HISTORY_PATHS.preview}?doc=board&seq=${first.seq}`, historyPreviewSchema);
    expect(preview.body?.jobs.map((j) => j.number)).toEqual(['J-BOB1-0001', 'J-BOB1-0002', 'J-BOB1-0003']);
  });

  it('refuses bad history requests with a clear 4xx and non-admins with 403', async () => {
    const badDoc = await api.call('GET', `${HISTORY_PATHS.preview}?doc=nope&seq=1`, null, undefined, admin.token);
    expect(badDoc.status).toBe(400);
    expect(Object.keys(badDoc.error?.fields ?? {})).toEqual(['doc']);
    const twoPoints = await api.call('GET', `${HISTORY_PATHS.preview}?doc=board&seq=1&at=2026-01-01T00:00:00Z`, null, undefined, admin.token);
    expect(twoPoints.status).toBe(400);
    expect(twoPoints.error?.fields).toEqual({ seq: 'give either seq or at' });
    const future = await api.call('POST', HISTORY_PATHS.restore, null, { doc: 'board', seq: 1e12 }, admin.token);
    expect(future.status).toBe(409);
    expect(future.error?.code).toBe('out_of_history');
    const notAdmin = await api.call('GET', `${HISTORY_PATHS.list}?doc=board`, null, undefined, members.bob.token);
    expect(notAdmin.status).toBe(403);
    const wrongMethod = await api.call('GET', HISTORY_PATHS.restore, null, undefined, admin.token);
    expect(wrongMethod.status).toBe(405);
  });
});
