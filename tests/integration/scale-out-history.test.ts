/**
 * Issue 14 "Know who changed what, and undo it" with several instances (issue 13 "Past one
 * machine"): two real relay processes on real PostgreSQL and Redis, real accounts, stock Yjs
 * clients on both. Three users edit through instance A and B; the history (asked of either
 * instance) lists each change under the user the relay authenticated; a wipe is restored
 * through A and reaches the clients of both instances live, including one that was offline
 * during the restore and reconnects to the OTHER instance; one user's change made on B is
 * undone through A; the history survives compaction in Postgres (threshold of 3 rows).
 *
 * Points in time come from the history list (seq), never the wall clock. The wipe is a client
 * delete on relays started with ROOM_GUARD=off (the guard refuses it now): it stands for a
 * wipe that got in before. Skips loudly without Postgres/Redis.
 */
import pg from 'pg';
import type { WebsocketProvider } from 'y-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  HISTORY_PATHS,
  historyChangeResultSchema,
  historyPageSchema,
  historyPreviewSchema,
  type HistoryEntry
} from '../../src/lib/domain/history/history-schemas';
import { ApiClient, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import type { RelayProcess } from '../helpers/relay-process';
import { stockClient, synced, until, untilAsync } from './support/clients';
import { adminHistory, expectThreeEditors, job, jobsOf, setUpMembers, threeUsersEdit, wipeJobs, type Member, type MemberKey } from './support/history-fixtures';
import { DATABASE_URL, newNamespace, scaleOutServicesAvailable, startInstances, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();
const ROOM = 'acme/board';

describe.skipIf(!available)('history and restore across two relay instances on Postgres + Redis', () => {
  let ns: Namespace;
  let a: RelayProcess;
  let b: RelayProcess;
  let admin: Member;
  let members: Record<MemberKey, Member>;
  let onA: ReturnType<typeof adminHistory>;
  let onB: ReturnType<typeof adminHistory>;
  const providers: WebsocketProvider[] = [];

  const connect = async (relay: RelayProcess, member: Member, doc?: Y.Doc): Promise<WebsocketProvider> => {
    const provider = stockClient(relay.wsUrl, ROOM, member.token, doc);
    providers.push(provider);
    await synced(provider);
    return provider;
  };
  const everywhere = (clients: WebsocketProvider[], check: (doc: Y.Doc) => boolean, what: string) =>
    until(() => clients.every((p) => check(p.doc)), what);
  /** A count from the shared schema (what Postgres holds, not what an instance says). */
  const count = async (sql: string): Promise<number> => {
    const client = new pg.Client({ connectionString: DATABASE_URL, options: `-c search_path=${ns.schema}` });
    await client.connect();
    try {
      return Number((await client.query(sql, [ROOM])).rows[0]?.n);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    ns = newNamespace();
    [a, b] = (await startInstances(ns, 2, { ...FAST_ACCOUNTS_ENV, ROOM_GUARD: 'off', COMPACT_MAX_ROWS: '3' })) as [RelayProcess, RelayProcess];
    const apiA = new ApiClient(a.httpUrl);
    ({ admin, members } = await setUpMembers(apiA));
    onA = adminHistory(apiA, admin);
    onB = adminHistory(new ApiClient(b.httpUrl), admin);
  }, 60_000);
  afterAll(async () => {
    for (const provider of providers) provider.destroy();
    await Promise.all([a?.kill(), b?.kill()]);
    await ns?.drop();
  });

  it('lists each change under its user on both instances, restores a wipe on the clients of both (an offline one reconnecting to the other) and undoes one user', async () => {
    const { bob, cara, dan } = members;
    const bobA = await connect(a, bob);
    const caraB = await connect(b, cara);
    const danA = await connect(a, dan);
    const danB = await connect(b, dan);
    const tabletA = await connect(a, bob);
    const online = [bobA, caraB, danA, danB, tabletA];

    // Bob on A, Cara on B, Dan on A: each change seen on both instances before the next.
    await threeUsersEdit({ bob: bobA.doc, cara: caraB.doc, dan: danA.doc }, (check, what) => everywhere(online, check, what));
    const before = await onB.list();
    expectThreeEditors(before, members);
    expect(await onA.list()).toEqual(before); // one shared history, whichever instance is asked
    const beforeWipe = (before[0] as HistoryEntry).seq;
    const asBeforeWipe = jobsOf(bobA.doc);

    // Cara (on B) wipes the board; every client on both instances sees it.
    wipeJobs(caraB.doc);
    await everywhere(online, (d) => d.getMap('jobs').size === 0, 'the wipe');
    expect((await onA.list())[0]).toMatchObject({ userId: cara.id, action: 'edit' });

    // The tablet (on A) goes offline before the restore, holding the wipe.
    tabletA.disconnect();

    const preview = await onB.get(`${HISTORY_PATHS.preview}?doc=board&seq=${beforeWipe}`, historyPreviewSchema);
    expect(preview.status).toBe(200);
    expect(preview.body?.counts).toContainEqual({ collection: 'jobs', then: 4, now: 0 });

    // Restore through A: committed to Postgres, XADDed, so B's clients receive it live.
    const restored = await onA.post(HISTORY_PATHS.restore, historyChangeResultSchema, { doc: 'board', seq: beforeWipe });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ seq: beforeWipe, recreated: 4, reset: 0, keptNew: 0 });
    const stillOnline = [bobA, caraB, danA, danB];
    await everywhere(stillOnline, (d) => d.getMap('jobs').size === 4, 'the restore on both instances');
    for (const client of stillOnline) expect(jobsOf(client.doc)).toEqual(asBeforeWipe);
    expect((await onB.list())[0]).toMatchObject({ userId: admin.id, userName: admin.name, action: 'restore' });

    // The offline tablet comes back through the OTHER instance and converges on the restore.
    expect(tabletA.doc.getMap('jobs').size).toBe(0);
    const tabletB = await connect(b, bob, tabletA.doc);
    await until(() => tabletB.doc.getMap('jobs').size === 4, 'the offline client to receive the restore from B');
    expect(jobsOf(tabletB.doc)).toEqual(asBeforeWipe);

    // Dan changes a job through B; an undo of Dan asked of A reverts it on both instances
    // (A plans against every row committed, B's included).
    const beforeDan = ((await onA.list())[0] as HistoryEntry).seq;
    danB.doc.transact(() => (danB.doc.getMap('jobs').get('job-3') as Y.Map<unknown>).set('customerName', 'Dr Typo'));
    await everywhere(stillOnline, (d) => job(d, 'job-3')?.customerName === 'Dr Typo', 'Dan’s change');
    const undone = await onA.post(HISTORY_PATHS.undo, historyChangeResultSchema, { doc: 'board', userId: dan.id, seq: beforeDan });
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ recreated: 0, reset: 1, conflicts: [] });
    await everywhere([...stillOnline, tabletB], (d) => job(d, 'job-3')?.customerName === 'Dr Cedar', 'the undo on both instances');
    expect((await onB.list())[0]).toMatchObject({ userId: admin.id, action: 'undo' });
    // A caught the room up from Postgres before planning (not only from its stream reader).
    const metrics = await (await fetch(`${a.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/^fieldboard_fanout_catch_ups_total\{[^}]*reason="history"[^}]*\} [1-9]/m);
  });

  it('keeps who changed what through compaction in Postgres', async () => {
    // Compaction (threshold 3 rows) moved covered rows to the history table, authors kept.
    await untilAsync(async () => (await count('SELECT COUNT(*) AS n FROM fb_history_updates WHERE room = $1')) > 0, 'a compaction of the board');
    expect(await count('SELECT COUNT(*) AS n FROM fb_snapshots WHERE room = $1')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM fb_history_snapshots WHERE room = $1')).toBeGreaterThan(0);
    const listed = await onB.list(200);
    const page = await onA.get(`${HISTORY_PATHS.list}?doc=board&limit=200`, historyPageSchema);
    expect(page.body?.entries).toEqual(listed);
    expect(page.body?.earliestSeq).toBe(0);
    expect(listed.map((e) => e.action)).toEqual(['undo', 'edit', 'restore', 'edit', 'edit', 'edit', 'edit']);
    expect(listed.at(-1)).toMatchObject({ userId: members.bob.id, userName: members.bob.name });
    // The oldest point still rebuilds on either instance: the board as Bob first created it.
    const first = listed.at(-1) as HistoryEntry;
    for (const calls of [onA, onB]) {
      const preview = await calls.get(`${HISTORY_PATHS.preview}?doc=board&seq=${first.seq}`, historyPreviewSchema);
      expect(preview.body?.jobs.map((j) => j.number)).toEqual(['J-BOB1-0001', 'J-BOB1-0002', 'J-BOB1-0003']);
    }
  });
});
