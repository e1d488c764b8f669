/** The upgrade is refused with the right HTTP status before any socket exists (DESIGN §4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeExpiredToken, makeForgedToken, makeToken } from '../helpers/tokens';
import { upgradeStatus } from './support/clients';

describe('relay upgrade authorization', () => {
  let relay: RelayProcess;
  const url = (room: string, token?: string) =>
    `${relay.wsUrl}/${room}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;

  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('opens with a valid token for the room’s org (101)', async () => {
    expect(await upgradeStatus(url('acme/board', await makeToken(relay.dataDir, { org: 'acme', role: 'technician' })))).toBe(101);
  });

  it('refuses a missing token with 401', async () => {
    expect(await upgradeStatus(url('acme/board'))).toBe(401);
    expect(await upgradeStatus(url('acme/board', ''))).toBe(401);
  });

  it('refuses a token that is not a JWT with 401', async () => {
    expect(await upgradeStatus(url('acme/board', 'not.a.jwt'))).toBe(401);
  });

  it('refuses a forged token (signed with another secret) with 401', async () => {
    expect(await upgradeStatus(url('acme/board', await makeForgedToken({ org: 'acme', role: 'admin' })))).toBe(401);
  });

  it('refuses an expired token with 401', async () => {
    expect(await upgradeStatus(url('acme/board', await makeExpiredToken(relay.dataDir, { org: 'acme', role: 'admin' })))).toBe(401);
  });

  it('refuses a token for another org with 403', async () => {
    expect(await upgradeStatus(url('acme/board', await makeToken(relay.dataDir, { org: 'globex', role: 'admin' })))).toBe(403);
  });

  it('refuses a technician on acme/finance with 403 but lets a dispatcher in', async () => {
    expect(await upgradeStatus(url('acme/finance', await makeToken(relay.dataDir, { org: 'acme', role: 'technician' })))).toBe(403);
    expect(await upgradeStatus(url('acme/finance', await makeToken(relay.dataDir, { org: 'acme', role: 'dispatcher' })))).toBe(101);
  });

  it('refuses a wallboard on finance with 403', async () => {
    expect(await upgradeStatus(url('acme/finance', await makeToken(relay.dataDir, { org: 'acme', role: 'wallboard' })))).toBe(403);
  });

  it('refuses bad room names with 400 even with a valid token', async () => {
    const token = await makeToken(relay.dataDir, { org: 'acme', role: 'admin' });
    for (const room of ['ACME/board', 'acme/boards', 'acme', 'acme/board/extra', 'acme%2Fboard', 'acme/archive-2025-13']) {
      expect(await upgradeStatus(url(room, token)), room).toBe(400);
    }
  });

  it('answers upgrades outside /sync with 404', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${relay.port}/elsewhere/acme/board`)).toBe(404);
  });

  it('keeps serving after every refusal', async () => {
    const res = await fetch(`${relay.httpUrl}/healthz`);
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${relay.httpUrl}/metrics`)).text();
    expect(metrics).toMatch(/fieldboard_rejected_messages_total\{reason="upgrade-unauthorized"\} [1-9]/);
    expect(metrics).toMatch(/fieldboard_rejected_messages_total\{reason="upgrade-forbidden"\} [1-9]/);
  });
});
