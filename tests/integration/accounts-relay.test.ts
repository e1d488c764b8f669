/** The relay asks the accounts store on every upgrade: disabled and deleted users stay out. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEFAULT_ADMIN, FAST_ACCOUNTS_ENV } from '../helpers/api-client';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, upgradeStatus } from './support/clients';

describe('accounts at the relay', () => {
  let relay: RelayProcess;
  let api: ApiClient;
  let adminToken: string;

  beforeAll(async () => {
    relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    api = new ApiClient(relay.httpUrl);
    adminToken = (await api.setup()).body!.accessToken;
  });
  afterAll(async () => {
    await relay.kill();
  });

  const url = (room: string, token: string) => `${relay.wsUrl}/${room}?token=${encodeURIComponent(token)}`;

  async function newUser(email: string, role: 'technician' | 'dispatcher' | 'manager') {
    const { body } = await api.createUser(adminToken, { email, name: email, role, password: 'a-long-password' });
    const session = (await api.login({ org: 'acme', email, password: 'a-long-password' })).body!;
    return { id: body!.user.id, session };
  }

  it('lets a signed-in technician open the board but not finance', async () => {
    const { session } = await newUser('tech@acme.test', 'technician');
    expect(await upgradeStatus(url('acme/board', session.accessToken))).toBe(101);
    expect(await upgradeStatus(url('acme/finance', session.accessToken))).toBe(403);
  });

  it('closes a disabled user’s open socket (4401) and refuses their next connect (401), login (403) and refresh (401)', async () => {
    const { id, session } = await newUser('leaver@acme.test', 'dispatcher');
    const open = await new RawClient(relay.wsUrl, 'acme/board', session.accessToken).ready();
    expect((await api.updateUser(adminToken, id, { disabled: true })).body?.user.disabled).toBe(true);
    expect(await open.closed()).toBe(4401);
    // The access token is still unexpired and correctly signed; the relay looks the user up.
    expect(await upgradeStatus(url('acme/board', session.accessToken))).toBe(401);
    const login = await api.login({ org: 'acme', email: 'leaver@acme.test', password: 'a-long-password' });
    expect([login.status, login.error?.code]).toEqual([403, 'user_disabled']);
    expect((await api.refresh(session.refreshToken)).status).toBe(401);

    await api.updateUser(adminToken, id, { disabled: false });
    const back = await api.login({ org: 'acme', email: 'leaver@acme.test', password: 'a-long-password' });
    expect(await upgradeStatus(url('acme/board', back.body!.accessToken))).toBe(101);
  });

  it('applies a demotion at the next connect, even with a token minted before it', async () => {
    const { id, session } = await newUser('demoted@acme.test', 'dispatcher');
    expect(await upgradeStatus(url('acme/finance', session.accessToken))).toBe(101);
    await api.updateUser(adminToken, id, { role: 'technician' });
    expect(await upgradeStatus(url('acme/finance', session.accessToken))).toBe(403);
  });

  it('refuses a deleted user’s token with 401 while operator tokens keep working', async () => {
    const { id, session } = await newUser('deleted@acme.test', 'technician');
    const db = new Database(path.join(relay.dataDir, 'fieldboard.db'));
    db.prepare('DELETE FROM users WHERE id = ?').run(id);
    db.close();
    expect(await upgradeStatus(url('acme/board', session.accessToken))).toBe(401);
    const operator = await makeToken(relay.dataDir, { org: 'acme', role: 'technician', sub: 'operator' });
    expect(await upgradeStatus(url('acme/board', operator))).toBe(101);
  });
});

describe('npm run setup', () => {
  function runSetup(dataDir: string, args: string[], stdin: string): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/setup.ts', ...args], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATA_DIR: dataDir, ...FAST_ACCOUNTS_ENV }
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('exit', (code) => resolve({ code, out }));
      child.stdin.end(stdin);
    });
  }

  it('creates the organisation with the password from stdin; the admin then signs in over HTTP', async () => {
    const relay = await startRelay({ env: FAST_ACCOUNTS_ENV });
    try {
      const args = ['--org', 'cli-org', '--org-name', 'CLI Org', '--admin-email', 'root@cli.test', '--admin-name', 'Root'];
      expect(await runSetup(relay.dataDir, args.slice(0, 4), 'x')).toMatchObject({ code: 2 });
      const created = await runSetup(relay.dataDir, args, 'cli-password-1\n');
      expect(created.code, created.out).toBe(0);
      expect(created.out).toContain('created organisation cli-org');
      const again = await runSetup(relay.dataDir, args, 'cli-password-1\n');
      expect(again.code).toBe(1);
      const api = new ApiClient(relay.httpUrl);
      expect((await api.setupStatus()).body?.needed).toBe(false);
      expect((await api.login({ org: 'cli-org', email: 'root@cli.test', password: 'cli-password-1' })).status).toBe(200);
      expect((await api.setup({ ...DEFAULT_ADMIN })).status).toBe(409);
    } finally {
      await relay.kill();
    }
  });
});
