/**
 * Two real relay instances on real PostgreSQL and Redis (issue 13 "Past one machine", Done
 * when 3): stock y-websocket clients on both converge; 10,000 updates from writers on both
 * arrive complete on readers on both; presence crosses instances; a user disabled on one
 * instance is closed with 4401 on the other; rooms compact (from Postgres, under an advisory
 * lock) while both instances write. Skips loudly without Postgres/Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import type { RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, stockClient, synced, until, upgradeStatus } from './support/clients';
import { newNamespace, scaleOutServicesAvailable, startInstances, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();

describe.skipIf(!available)('two relay instances on Postgres + Redis', () => {
  let ns: Namespace;
  let a: RelayProcess;
  let b: RelayProcess;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    ns = newNamespace();
    // A low compaction threshold: both instances compact the rooms they write while the others write too.
    [a, b] = (await startInstances(ns, 2, { ...FAST_ACCOUNTS_ENV, COMPACT_MAX_ROWS: '25' })) as [RelayProcess, RelayProcess];
  }, 60_000);
  afterAll(async () => {
    for (const p of providers) p.destroy();
    await Promise.all([a?.kill(), b?.kill()]);
    await ns?.drop();
  });

  const client = async (relay: RelayProcess, room: string, sub: string) => {
    const token = await makeToken(relay.dataDir, { org: 'acme', role: 'dispatcher', sub });
    const provider = stockClient(relay.wsUrl, room, token);
    providers.push(provider);
    await synced(provider);
    return provider;
  };

  it('reports Postgres and Redis in /healthz and labels metrics with the instance', async () => {
    const health = (await (await fetch(`${a.httpUrl}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, postgres: true, redis: true, instance: 'relay-a' });
    const metrics = await (await fetch(`${b.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/fieldboard_connections\{instance_id="relay-b"\}/);
  });

  it('stock clients on both instances converge, and a client loading later sees everything', async () => {
    const onA = await client(a, 'acme/board', 'u-a');
    const onB = await client(b, 'acme/board', 'u-b');
    onA.doc.getMap('notes').set('from-a', 'hello from a');
    onB.doc.getMap('notes').set('from-b', 'hello from b');
    await until(() => onA.doc.getMap('notes').get('from-b') === 'hello from b', 'a to see b');
    await until(() => onB.doc.getMap('notes').get('from-a') === 'hello from a', 'b to see a');
    // A late client on either instance loads the same state (from Postgres or the loaded room).
    const late = await client(b, 'acme/board', 'u-late');
    expect(late.doc.getMap('notes').toJSON()).toEqual({ 'from-a': 'hello from a', 'from-b': 'hello from b' });
  });

  it('forwards presence between instances', async () => {
    const onA = await client(a, 'acme/catalog', 'p-a');
    const onB = await client(b, 'acme/catalog', 'p-b');
    onA.awareness.setLocalStateField('user', { name: 'Ana on A' });
    await until(
      () => [...onB.awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === 'Ana on A'),
      'b to see a’s presence'
    );
  });

  it('delivers 10,000 updates from writers on both instances completely to readers on both', async () => {
    const room = 'acme/finance';
    const readers = [await client(a, room, 'r-a'), await client(b, room, 'r-b')];
    const writers = [await client(a, room, 'w-a'), await client(b, room, 'w-b')];
    const PER_WRITER = 5000;
    // Interleaved in slices so both instances commit concurrently.
    for (let start = 0; start < PER_WRITER; start += 250) {
      writers.forEach((writer, w) => {
        const map = writer.doc.getMap('load');
        for (let i = start; i < start + 250; i++) map.set(`${w}-${i}`, i);
      });
      await new Promise((resolve) => setImmediate(resolve));
    }
    for (const [r, reader] of readers.entries()) {
      await until(() => reader.doc.getMap('load').size === 2 * PER_WRITER, `reader ${r} to hold all ${2 * PER_WRITER} updates`, 60_000);
    }
    const expected = Object.fromEntries(writers.flatMap((_, w) => Array.from({ length: PER_WRITER }, (_, i) => [`${w}-${i}`, i])));
    for (const reader of readers) expect(reader.doc.getMap('load').toJSON()).toEqual(expected);
    // And what Postgres holds is the same: a fresh client on the other instance after both went idle.
    const fresh = new Y.Doc();
    const check = stockClient(b.wsUrl, room, await makeToken(b.dataDir, { org: 'acme', role: 'dispatcher', sub: 'check' }), fresh);
    providers.push(check);
    await synced(check);
    expect(fresh.getMap('load').size).toBe(2 * PER_WRITER);
    // That state came through snapshots written while both instances were committing.
    expect(`${a.logs()}${b.logs()}`).toMatch(/"room":"acme\/finance"[^\n]*"msg":"compacted"/);
  }, 90_000);

  it('closes a user disabled on one instance with 4401 on the other, and the other refuses them', async () => {
    const api = new ApiClient(a.httpUrl);
    const admin = (await api.setup()).body!.accessToken;
    const { body } = await api.createUser(admin, { email: 'leaver@acme.test', name: 'Leaver', role: 'dispatcher', password: 'a-long-password' });
    // Set up and created through A, signs in on B (accounts are in Postgres; the instances
    // have separate data dirs), connects to B, is disabled through A.
    expect((await (await fetch(`${b.httpUrl}/api/setup`)).json()) as unknown).toEqual({ needed: false });
    const session = (await new ApiClient(b.httpUrl).login({ org: 'acme', email: 'leaver@acme.test', password: 'a-long-password' })).body!;
    const open = await new RawClient(b.wsUrl, 'acme/board', session.accessToken).ready();
    expect((await api.updateUser(admin, body!.user.id, { disabled: true })).body?.user.disabled).toBe(true);
    expect(await open.closed()).toBe(4401);
    expect(await upgradeStatus(`${b.wsUrl}/acme/board?token=${encodeURIComponent(session.accessToken)}`)).toBe(401);
  });

  it('applies a role change made on one instance to the other: open sockets closed (4401), the next connect uses the new role', async () => {
    const api = new ApiClient(a.httpUrl);
    const admin = (await api.login({ org: 'acme', email: DEFAULT_ADMIN.adminEmail, password: DEFAULT_ADMIN.password })).body!.accessToken;
    const { body } = await api.createUser(admin, { email: 'demoted@acme.test', name: 'Demoted', role: 'dispatcher', password: 'a-long-password' });
    const session = (await new ApiClient(b.httpUrl).login({ org: 'acme', email: 'demoted@acme.test', password: 'a-long-password' })).body!;
    const open = await new RawClient(b.wsUrl, 'acme/finance', session.accessToken).ready();
    await api.updateUser(admin, body!.user.id, { role: 'technician' });
    expect(await open.closed()).toBe(4401);
    expect(await upgradeStatus(`${b.wsUrl}/acme/finance?token=${encodeURIComponent(session.accessToken)}`)).toBe(403);
  });
});
