/**
 * The app's own sync layer (Workspace → DocConnection → ConnectionMonitor) against the real
 * relay process: convergence, durable confirmation, and confirmation surviving a relay crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/lib/sync/workspace';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { openWorkspace } from './support/workspaces';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('workspace sync through the relay', () => {
  let relay: RelayProcess;
  const open: Workspace[] = [];

  async function workspace(role: 'dispatcher' | 'technician' | 'manager', sub: string): Promise<Workspace> {
    const ws = await openWorkspace(relay, 'acme', role, sub);
    open.push(ws);
    return ws;
  }

  beforeAll(async () => {
    relay = await startRelay();
  });

  afterAll(async () => {
    for (const ws of open) ws.destroy();
    await relay.kill('SIGTERM');
  });

  it('converges two dispatchers and confirms each one’s changes as durable', async () => {
    const a = await workspace('dispatcher', 'alice');
    const b = await workspace('dispatcher', 'bob');
    const created = a.board.createJob({ customerName: 'Mission Bakery', problem: 'Cooler warm' }, { id: 'alice' }, 'AAAA');
    if (!created.ok) throw new Error('create failed');
    expect(a.boardConnection.monitor.state.unconfirmed).toBeGreaterThan(0);
    await until(() => b.board.getJob(created.job.id) !== undefined, 'job on the other client');
    await until(() => a.boardConnection.monitor.state.unconfirmed === 0, 'relay confirmation');
    expect(a.boardConnection.monitor.state.phase).toBe('synced');
    expect(a.boardConnection.monitor.state.lastSyncedAt).not.toBeNull();
  });

  it('opens finance for a dispatcher but not for a technician', async () => {
    const dispatcher = await workspace('dispatcher', 'dana');
    const technician = await workspace('technician', 'tom');
    expect(dispatcher.financeConnection).not.toBeNull();
    expect(technician.financeConnection).toBeNull();
    await until(() => dispatcher.financeConnection?.monitor.state.phase === 'synced', 'finance synced');
  });

  it('keeps a confirmed change through a SIGKILL of the relay', async () => {
    const writer = await workspace('technician', 'tess');
    const created = writer.board.createJob({ customerName: 'Crash Test Co', problem: 'Durability' }, { id: 'tess' }, 'TTTT');
    if (!created.ok) throw new Error('create failed');
    await until(() => writer.boardConnection.monitor.state.unconfirmed === 0, 'confirmation before the crash');
    await relay.kill('SIGKILL');
    writer.destroy();
    relay = await relay.restart();
    const reader = await workspace('manager', 'mia');
    await until(() => reader.board.getJob(created.job.id) !== undefined, 'job after restart');
    expect(reader.board.getJob(created.job.id)?.customerName).toBe('Crash Test Co');
  });
});
