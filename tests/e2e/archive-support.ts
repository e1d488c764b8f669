/**
 * Seeding an archived world for browser tests (issue 13): an office in the test zone (it decides
 * every job's archive month, as on the app's devices), a customer, and an archive run through the
 * real relay by a Node admin client — the same protocol as Settings › Archive.
 */
import WebSocket from 'ws';
import type { ArchiveCandidate } from '../../src/lib/domain/archive/archive-plan';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { archiveEnvironment } from '../../src/lib/sync/archive-rooms';
import { runArchive } from '../../src/lib/sync/archiver';
import type { BoardDoc } from '../../src/lib/sync/board-doc';
import type { DocConnection } from '../../src/lib/sync/doc-connection';
import { testNow, TEST_TIME_ZONE } from '../clock';
import type { RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';

const DAY = 86_400_000;
export const ARCHIVE_SEEDER = { id: 'test-seed', name: 'Test seed' };

/** An office in TEST_TIME_ZONE and a customer created 200 days ago; returns the customer's id. */
export function seedOfficeAndCustomer(board: BoardDoc, customerName: string): string {
  const office = board.directory.createOffice({ name: 'San Francisco', code: 'SF', timeZone: TEST_TIME_ZONE });
  if (!office.ok) throw new Error('seed office');
  return seedCustomer(board, customerName);
}

/** A customer created 200 days ago; returns its id. */
export function seedCustomer(board: BoardDoc, name: string): string {
  const customer = board.directory.createCustomer({ name }, new Date(testNow().getTime() - 200 * DAY));
  if (!customer.ok) throw new Error('seed customer');
  return customer.value.id;
}

/** Runs the archive protocol for `plan` as an admin through the relay; throws unless all `expected` jobs moved. */
export async function archiveThroughRelay(relay: RelayProcess, org: string, board: BoardDoc, connection: DocConnection, plan: ReadonlyMap<string, readonly ArchiveCandidate[]>, expected: number): Promise<void> {
  const token = await makeToken(relay.dataDir, { org, role: 'admin', sub: ARCHIVE_SEEDER.id, name: ARCHIVE_SEEDER.name });
  const options = { serverUrl: relay.wsUrl, token, store: new MemoryStore(), persist: false, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket };
  const reports = await runArchive(board, archiveEnvironment(options, org, connection), plan, ARCHIVE_SEEDER, testNow);
  if (reports.reduce((n, r) => n + r.moved, 0) !== expected) throw new Error(`archive seed moved ${JSON.stringify(reports)}`);
}
