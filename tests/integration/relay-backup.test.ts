/** Online backup, restore into a new DATA_DIR, and room export (server/README.md "Backup and restore"). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ApiClient, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { runCli } from '../helpers/cli';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until, upgradeStatus } from './support/clients';

const ROOM = 'acme/board';
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-backup-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function backup(relay: RelayProcess, out: string): Promise<{ backup: string; secret: string; rooms: number; users: number }> {
  const result = await runCli('backup', ['--out', out], { DATA_DIR: relay.dataDir });
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.toString()) as { backup: string; secret: string; rooms: number; users: number };
}

/** The documented restore: (relay stopped) put the copy and the secret in an empty DATA_DIR, start. */
async function restore(copy: { backup: string; secret: string }): Promise<RelayProcess> {
  const dataDir = tempDir();
  fs.copyFileSync(copy.backup, path.join(dataDir, 'fieldboard.db'));
  fs.copyFileSync(copy.secret, path.join(dataDir, 'secret.key'));
  return startRelay({ dataDir, env: FAST_ACCOUNTS_ENV });
}

async function jobsOf(relay: RelayProcess, token: string): Promise<Record<string, unknown>> {
  const reader = await new RawClient(relay.wsUrl, ROOM, token).ready();
  await reader.roundTrip();
  reader.close();
  return reader.doc.getMap('jobs').toJSON();
}

describe('backup and restore', () => {
  it('backs up while a writer streams; the restored copy is a consistent cut holding every earlier acknowledged write', { timeout: 60_000 }, async () => {
    const relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    const restored: RelayProcess[] = [];
    try {
      const api = new ApiClient(relay.httpUrl);
      expect((await api.setup()).status).toBe(201);
      const token = await makeToken(relay.dataDir, { org: 'acme', role: 'admin', sub: 'operator' });
      const writer = await new RawClient(relay.wsUrl, ROOM, token).ready();
      let n = 0;
      // ~200 writes/s, under the per-connection rate limit; one map entry = one clock tick,
      // so write kN has clock N and an acknowledgement covering clock C covers k0..k(C-1).
      const pump = setInterval(() => {
        writer.write((doc) => doc.getMap('jobs').set(`k${n}`, { n }));
        n++;
      }, 5);
      await until(() => writer.isConfirmed() && n > 150, 'some acknowledged writes');
      const acked = writer.stateVectors().at(-1)!.get(writer.doc.clientID) ?? 0;
      const ackedKeys = Array.from({ length: acked }, (_, i) => `k${i}`);
      const during = await backup(relay, path.join(tempDir(), 'during.db'));
      clearInterval(pump);
      await until(() => writer.isConfirmed(), 'the last writes to be acknowledged');
      const all = writer.doc.getMap('jobs').toJSON();
      expect(during).toMatchObject({ rooms: 1, users: 1 });

      restored.push(await restore(during));
      const cut = await jobsOf(restored[0]!, token); // the old operator token works: same secret
      expect(ackedKeys.filter((key) => !(key in cut))).toEqual([]);
      for (const [key, value] of Object.entries(cut)) expect(value).toEqual(all[key]); // a prefix of what was written
      // Consistent: each write's predecessor is there too (the writer wrote them in order).
      for (const key of Object.keys(cut)) if (key !== 'k0') expect(cut[`k${Number(key.slice(1)) - 1}`], key).toBeDefined();
      // Accounts are in the same file: the admin signs in on the restored server.
      const login = await new ApiClient(restored[0]!.httpUrl).login({ org: 'acme', email: 'ada@acme.test', password: 'correct horse battery' });
      expect(login.status).toBe(200);

      const quiet = await backup(relay, path.join(tempDir(), 'quiet.db'));
      restored.push(await restore(quiet));
      expect(await jobsOf(restored[1]!, token)).toEqual(all);
      writer.close();
    } finally {
      for (const r of restored) await r.kill();
      await relay.kill();
    }
  });

  it('refuses to overwrite an existing backup file (exit 2)', async () => {
    const relay = await startRelay();
    try {
      const out = path.join(tempDir(), 'exists.db');
      fs.writeFileSync(out, 'keep me');
      const result = await runCli('backup', ['--out', out], { DATA_DIR: relay.dataDir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('already exists');
      expect(fs.readFileSync(out, 'utf8')).toBe('keep me');
    } finally {
      await relay.kill();
    }
  });
});

describe('room export', () => {
  it('exports a room as a Yjs update and as JSON, from the CLI and from the admin API', { timeout: 60_000 }, async () => {
    const relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    try {
      const api = new ApiClient(relay.httpUrl);
      const admin = (await api.setup()).body!;
      const writer = await new RawClient(relay.wsUrl, ROOM, admin.accessToken).ready();
      writer.write((doc) => {
        doc.getMap('jobs').set('j1', { title: 'Boiler service', priceCents: 12_500 });
        doc.getMap('customers').set('c1', { name: 'Ms Smith' });
      });
      await until(() => writer.isConfirmed(), 'the write to be committed');
      writer.close();
      const expected = { jobs: writer.doc.getMap('jobs').toJSON(), customers: writer.doc.getMap('customers').toJSON() };

      const yjs = await runCli('export', ['--org', 'acme', '--doc', 'board', '--format', 'yjs'], { DATA_DIR: relay.dataDir });
      expect(yjs.code, yjs.stderr).toBe(0);
      const imported = new Y.Doc();
      Y.applyUpdate(imported, new Uint8Array(yjs.stdout));
      expect({ jobs: imported.getMap('jobs').toJSON(), customers: imported.getMap('customers').toJSON() }).toEqual(expected);

      const json = await runCli('export', ['--org', 'acme', '--doc', 'board'], { DATA_DIR: relay.dataDir });
      expect(JSON.parse(json.stdout.toString())).toMatchObject({ room: ROOM, doc: expected });
      expect((await runCli('export', ['--org', 'acme', '--doc', 'nope'], { DATA_DIR: relay.dataDir })).code).toBe(2);

      const viaApi = await fetch(`${relay.httpUrl}/api/admin/export?doc=board&format=json`, { headers: { authorization: `Bearer ${admin.accessToken}` } });
      expect(viaApi.status).toBe(200);
      expect(viaApi.headers.get('content-disposition')).toContain('acme-board.json');
      expect(((await viaApi.json()) as { doc: unknown }).doc).toEqual(expected);
      const tech = await makeToken(relay.dataDir, { org: 'acme', role: 'technician', sub: 'operator' });
      expect((await fetch(`${relay.httpUrl}/api/admin/export?doc=board`, { headers: { authorization: `Bearer ${tech}` } })).status).toBe(403);
      expect(await upgradeStatus(`${relay.wsUrl}/${ROOM}?token=${encodeURIComponent(tech)}`)).toBe(101);
    } finally {
      await relay.kill();
    }
  });
});
