/**
 * Rooms an organisation can have, and how much it may store (issue 14): archive months in a
 * sane range, archives brought into being only by the archiving roles, per-room and per-org
 * byte quotas refused with a close code and a message, counted in /metrics, and still
 * enforced after a restart (totals computed from the stored tables).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/domain/access/roles';
import { CloseCode } from '../../src/lib/sync/protocol';
import { rejectedMessages as metric } from '../helpers/relay-metrics';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { RawClient, until, upgradeStatus } from './support/clients';

const ROOM_QUOTA = 40_000;
const ORG_QUOTA = 100_000;
/** Incompressible text (Yjs stores strings as they are), one distinct string per write. */
const chunk = (seed: number, size: number) => Array.from({ length: size }, (_, i) => String.fromCharCode(33 + ((seed * 7919 + i * 104729) % 90))).join('');

async function open(relay: RelayProcess, room: string, role: Role, sub: string = role): Promise<RawClient> {
  const org = room.split('/')[0] as string;
  return new RawClient(relay.wsUrl, room, await makeToken(relay.dataDir, { org, role, sub })).ready();
}

async function status(relay: RelayProcess, room: string, role: Role): Promise<number> {
  const org = room.split('/')[0] as string;
  return upgradeStatus(`${relay.wsUrl}/${room}?token=${encodeURIComponent(await makeToken(relay.dataDir, { org, role }))}`);
}

/** Writes 5 KB entries, each acknowledged, until the relay closes the socket; returns how many were stored. */
async function fillUntilRefused(client: RawClient, prefix: string, limit = 100): Promise<number> {
  for (let i = 0; i < limit; i++) {
    client.write((doc) => doc.getMap('jobs').set(`${prefix}${i}`, chunk(i, 5000)));
    await until(() => client.isConfirmed() || client.closeCode !== null, `write ${i} to be acknowledged or refused`);
    if (client.closeCode !== null) return i;
  }
  throw new Error(`no refusal after ${limit} writes`);
}


describe('room names', () => {
  let relay: RelayProcess;
  beforeAll(async () => {
    relay = await startRelay();
  });
  afterAll(async () => {
    await relay.kill();
  });

  it('refuses archive months before 2000 or after next month, before looking at the token', async () => {
    const year = new Date().getUTCFullYear();
    expect(await status(relay, 'acme/archive-0001-01', 'admin')).toBe(400);
    expect(await status(relay, 'acme/archive-1999-12', 'admin')).toBe(400);
    expect(await status(relay, `acme/archive-${year + 2}-01`, 'admin')).toBe(400);
    expect(await upgradeStatus(`${relay.wsUrl}/acme/archive-0001-01?token=forged`)).toBe(400);
    expect(await status(relay, 'acme/archive-2000-01', 'admin')).toBe(101);
    expect(relay.logs()).toContain('"reason":"archive-month"');
  });

  it('lets only admins and dispatchers bring an archive into being; technicians read one that exists', async () => {
    expect(await status(relay, 'acme/archive-2024-05', 'technician')).toBe(404);
    expect(await status(relay, 'acme/archive-2024-05', 'manager')).toBe(404);
    expect(await status(relay, 'acme/archive-2024-05', 'wallboard')).toBe(403);

    const dispatcher = await open(relay, 'acme/archive-2024-05', 'dispatcher');
    dispatcher.write((doc) => doc.getMap('jobs').set('archived', 'job 1'));
    await until(() => dispatcher.isConfirmed(), 'the archive write to be acknowledged');
    dispatcher.close();

    const technician = await open(relay, 'acme/archive-2024-05', 'technician');
    await technician.roundTrip();
    expect(technician.doc.getMap('jobs').get('archived')).toBe('job 1');
    // Read-only: a technician's write to an archive goes nowhere.
    technician.write((doc) => doc.getMap('jobs').set('tech', 'edit'));
    await technician.roundTrip();
    expect(technician.isConfirmed()).toBe(false);
    technician.close();
    expect(await metric(relay, 'upgrade-no-such-room')).toBe(2);
  });

  it('serves the catalog to the office (rw) and technicians (ro), not to wallboards', async () => {
    expect(await status(relay, 'acme/catalog', 'admin')).toBe(101);
    expect(await status(relay, 'acme/catalog', 'technician')).toBe(101);
    expect(await status(relay, 'acme/catalog', 'wallboard')).toBe(403);
  });
});

describe('storage quotas', () => {
  it('refuses writes past the room quota and the org quota with 4413 and a message, also after a restart', async () => {
    const relay = await startRelay({ env: { ROOM_QUOTA_BYTES: String(ROOM_QUOTA), ORG_QUOTA_BYTES: String(ORG_QUOTA) } });
    try {
      const board = await open(relay, 'acme/board', 'technician');
      const stored = await fillUntilRefused(board, 'b');
      expect(board.closeCode).toBe(CloseCode.quotaExceeded);
      expect(board.closeReason).toMatch(/^storage quota: room acme\/board holds \d+ KiB of 39 KiB$/);
      expect(stored).toBeGreaterThanOrEqual(5); // ~8 fit in 40 kB
      expect(stored * 5000).toBeLessThanOrEqual(ROOM_QUOTA);

      // The org fills up across rooms; another organisation is not affected.
      const finance = await open(relay, 'acme/finance', 'admin');
      await fillUntilRefused(finance, 'f');
      expect(finance.closeCode).toBe(CloseCode.quotaExceeded);
      const archive = await open(relay, 'acme/archive-2025-01', 'admin');
      await fillUntilRefused(archive, 'a');
      expect(archive.closeCode).toBe(CloseCode.quotaExceeded);
      expect(archive.closeReason).toMatch(/^storage quota: organisation acme holds \d+ KiB of 98 KiB$/);
      const other = await open(relay, 'other/board', 'admin');
      other.write((doc) => doc.getMap('jobs').set('x', chunk(1, 5000)));
      await until(() => other.isConfirmed(), 'another org’s write');
      other.close();
      expect(await metric(relay, 'storage-quota')).toBe(3);

      // What was refused is not stored: a reader sees only acknowledged entries.
      const reader = await open(relay, 'acme/board', 'admin', 'reader');
      await reader.roundTrip();
      expect(reader.doc.getMap('jobs').size).toBe(stored);
      reader.close();

      // After a restart the totals come from the tables: the full room still refuses.
      await relay.restart();
      const again = await open(relay, 'acme/board', 'admin');
      again.write((doc) => doc.getMap('jobs').set('late', chunk(99, 5000)));
      expect(await again.closed()).toBe(CloseCode.quotaExceeded);
      expect(relay.logs()).toContain('"reason":"storage-quota"');
    } finally {
      await relay.kill();
    }
  });
});
