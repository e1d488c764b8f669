/**
 * The public request endpoint against the real relay: invalid input gets field errors and
 * writes nothing; valid input becomes a `new` web job, durable before the answer, that an open
 * board (the app's own sync layer) receives live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { publicOrgInfoPath, publicOrgInfoSchema } from '../../src/lib/domain/intake/public-request';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { Workspace } from '../../src/lib/sync/workspace';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';

const ORG = 'plumbco';
const valid = {
  name: 'Rosa Martinez',
  phone: '(415) 555-0134',
  email: 'rosa@example.com',
  address: '1200 Valencia St, San Francisco',
  problem: 'Water heater leaking from the bottom, pilot light out.',
  preferredTime: 'morning'
};

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('public service requests', () => {
  let relay: RelayProcess;
  let board: Workspace;

  const post = (org: string, body: unknown) =>
    fetch(`${relay.httpUrl}/api/public/requests/${org}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    });

  beforeAll(async () => {
    relay = await startRelay({ env: { PUBLIC_REQUESTS_PER_MINUTE: '5' } });
    board = new Workspace({
      org: ORG,
      role: 'dispatcher',
      token: await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dina' }),
      serverUrl: relay.wsUrl,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
    });
    await until(() => board.boardConnection.monitor.state.phase === 'synced', 'board open and migrated');
  });

  afterAll(async () => {
    board?.destroy();
    await relay?.kill('SIGTERM');
  });

  it('answers invalid input with an error per field and adds no job', async () => {
    const res = await post(ORG, { ...valid, phone: '12', problem: 'help' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_request');
    expect(Object.keys(body.error.fields).sort()).toEqual(['phone', 'problem']);
    expect(board.board.listJobs()).toHaveLength(0);
  });

  it('turns a valid request into a new web job that the open board receives live', async () => {
    const res = await post(ORG, valid);
    expect(res.status).toBe(201);
    const { jobNumber } = (await res.json()) as { jobNumber: string };
    expect(jobNumber).toMatch(/^J-WEB2-\d{4}$/);
    await until(() => board.board.listJobs().some((j) => j.number === jobNumber), 'the job on the open board');
    const job = board.board.listJobs().find((j) => j.number === jobNumber);
    expect(job).toMatchObject({ status: 'new', channel: 'web', customerName: 'Rosa Martinez', siteAddress: valid.address });
    expect(job?.problem).toContain('(415) 555-0134');
  });

  it('keeps the job after a crash right after answering', async () => {
    const res = await post(ORG, { ...valid, name: 'Durable Dan' });
    const { jobNumber } = (await res.json()) as { jobNumber: string };
    await relay.kill('SIGKILL');
    board.destroy();
    relay = await relay.restart();
    board = new Workspace({
      org: ORG,
      role: 'manager',
      token: await makeToken(relay.dataDir, { org: ORG, role: 'manager', sub: 'mo' }),
      serverUrl: relay.wsUrl,
      store: new MemoryStore(),
      persist: false,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
    });
    await until(() => board.board.listJobs().some((j) => j.number === jobNumber), 'the job after restart');
  });

  it('refuses organisations that have no board, and bodies that are not JSON', async () => {
    expect((await post('nobody-here', valid)).status).toBe(404);
    const res = await fetch(`${relay.httpUrl}/api/public/requests/${ORG}`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hi' });
    expect(res.status).toBe(415);
  });

  it('rate-limits one client and says when to retry', async () => {
    let last: Response | null = null;
    for (let i = 0; i < 8; i++) last = await post(ORG, { ...valid, problem: 'x' });
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('names an organisation run with operator tokens only as unnamed, so the form titles itself from the link', async () => {
    const res = await fetch(`${relay.httpUrl}${publicOrgInfoPath(ORG)}`);
    expect(res.status).toBe(200);
    expect(publicOrgInfoSchema.parse(await res.json())).toEqual({ org: ORG, name: null });
    expect((await fetch(`${relay.httpUrl}${publicOrgInfoPath('no-board-here')}`)).status).toBe(404);
  });
});
