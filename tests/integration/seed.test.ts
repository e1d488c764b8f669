/**
 * `npm run seed` against the real relay process: the demo company arrives on a fresh client,
 * a second run adds nothing, and an unreachable relay fails clearly.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { Workspace } from '../../src/lib/sync/workspace';
import { TEST_NOW } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORG = 'seeded-co';

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runSeed(args: string[]): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, FIELDBOARD_SECRET: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('npm run seed', () => {
  let relay: RelayProcess;
  const open: Workspace[] = [];

  async function reader(sub: string): Promise<Workspace> {
    const token = await makeToken(relay.dataDir, { org: ORG, role: 'manager', sub, name: sub });
    const ws = new Workspace({
      org: ORG,
      role: 'manager',
      token,
      serverUrl: relay.wsUrl,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
    });
    open.push(ws);
    await ws.whenLoaded;
    await until(() => ws.boardConnection.provider?.synced === true, 'reader synced');
    return ws;
  }

  beforeAll(async () => {
    relay = await startRelay({ env: { FIELDBOARD_SECRET: '' } });
  });

  afterAll(async () => {
    for (const ws of open) ws.destroy();
    await relay?.kill('SIGTERM');
  });

  it('loads the demo company that a fresh client then sees, and a second run adds nothing', async () => {
    const first = await runSeed(['--org', ORG, '--server', relay.wsUrl, '--data-dir', relay.dataDir, '--seed', '7', '--now', TEST_NOW.toISOString()]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/added 4 offices, 25 technicians, \d+ customers/);
    const total = Number(/The board now has (\d+) jobs/.exec(first.stdout)?.[1]);
    expect(total).toBeGreaterThan(500);

    const mia = await reader('mia');
    await until(() => mia.board.listJobs().length === total, 'all demo jobs on a fresh client');
    expect(mia.board.directory.technicians.list()).toHaveLength(25);
    expect(mia.board.directory.offices.list()).toHaveLength(4);
    expect(mia.board.jobs.invalid()).toEqual([]);
    const statuses = new Set(mia.board.listJobs().map((j) => j.status));
    for (const status of ['new', 'scheduled', 'dispatched', 'on_site', 'closed'] as const) expect(statuses.has(status), status).toBe(true);

    const second = await runSeed(['--org', ORG, '--server', relay.wsUrl, '--data-dir', relay.dataDir, '--seed', '7', '--now', TEST_NOW.toISOString()]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/added 0 offices, 0 technicians, 0 customers, 0 sites, 0 assets, 0 jobs, 0 job events/);
    expect(second.stdout).toContain(`The board now has ${total} jobs`);

    const noah = await reader('noah');
    await until(() => noah.board.listJobs().length >= total, 'jobs after the second run');
    expect(noah.board.listJobs()).toHaveLength(total);
    expect(noah.board.directory.technicians.list()).toHaveLength(25);
    expect(noah.board.directory.customers.size).toBe(mia.board.directory.customers.size);
  });

  it('refuses a --now that is not a UTC instant or lies in the future, before connecting', async () => {
    const notAnInstant = await runSeed(['--org', ORG, '--server', relay.wsUrl, '--data-dir', relay.dataDir, '--now', 'tomorrow']);
    expect(notAnInstant.code).toBe(1);
    expect(notAnInstant.stderr).toMatch(/--now must be a UTC instant like 2026-06-10T20:00:00Z/);
    const future = await runSeed(['--org', ORG, '--server', relay.wsUrl, '--data-dir', relay.dataDir, '--now', '2999-01-01T00:00:00Z']);
    expect(future.code).toBe(1);
    expect(future.stderr).toMatch(/--now must not be in the future/);
  });

  it('exits 1 with a clear error when no relay answers within 10 s', async () => {
    const port = await closedPort();
    const started = Date.now();
    const result = await runSeed(['--org', ORG, '--server', `ws://127.0.0.1:${port}/sync`, '--data-dir', relay.dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/could not reach the relay at ws:\/\/127\.0\.0\.1:\d+\/sync within 10 s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
  });

  it('exits 1 naming the token when the relay refuses it', async () => {
    const otherDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-seed-other-'));
    const result = await runSeed(['--org', ORG, '--server', relay.wsUrl, '--data-dir', otherDataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused the token/);
  });
});
