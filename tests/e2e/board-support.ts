/**
 * Support for the board browser tests: a Node sync client that writes a small directory
 * (offices, technicians) into `<org>/board` through the real relay, the way any Yjs client
 * may, and waits until the relay confirms it holds it.
 */
import WebSocket from 'ws';
import { MemoryStore } from '../../src/lib/local/pending-ledger';
import { BoardDoc } from '../../src/lib/sync/board-doc';
import { BOARD_MIGRATIONS } from '../../src/lib/sync/board-migrations';
import { CatalogDoc } from '../../src/lib/sync/catalog';
import { CATALOG_MIGRATIONS } from '../../src/lib/sync/catalog-migrations';
import { DocConnection } from '../../src/lib/sync/doc-connection';
import { roomId } from '../../src/lib/sync/protocol';
import type { RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';

export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A Node client on `<org>/<room>` (admin `test-seed`), synced with the relay. Destroy it when done. */
async function nodeClient(relay: RelayProcess, org: string, room: 'board' | 'catalog', migrations: typeof BOARD_MIGRATIONS | typeof CATALOG_MIGRATIONS): Promise<{ connection: DocConnection; confirmed: () => Promise<void> }> {
  const token = await makeToken(relay.dataDir, { org, role: 'admin', sub: 'test-seed', name: 'Test seed' });
  const connection = new DocConnection({
    room: roomId(org, room),
    serverUrl: relay.wsUrl,
    token,
    migrations,
    store: new MemoryStore(),
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
  });
  await connection.whenLoaded;
  await waitFor(() => connection.provider?.synced === true, `${org}/${room} to sync`);
  const confirmed = () => waitFor(() => connection.monitor.state.unconfirmed === 0, 'the relay to confirm the seed');
  return { connection, confirmed };
}

/** A Node client on `<org>/board` (admin), synced with the relay. Destroy it when done. */
export async function nodeBoard(relay: RelayProcess, org: string): Promise<{ board: BoardDoc; connection: DocConnection; confirmed: () => Promise<void> }> {
  const { connection, confirmed } = await nodeClient(relay, org, 'board', BOARD_MIGRATIONS);
  return { board: new BoardDoc(connection.doc), connection, confirmed };
}

/** A Node client on `<org>/catalog` (admin): seeds the price book. Destroy it when done. */
export async function nodeCatalog(relay: RelayProcess, org: string): Promise<{ catalog: CatalogDoc; connection: DocConnection; confirmed: () => Promise<void> }> {
  const { connection, confirmed } = await nodeClient(relay, org, 'catalog', CATALOG_MIGRATIONS);
  return { catalog: new CatalogDoc(connection.doc), connection, confirmed };
}

export interface SeededDirectory {
  offices: { north: string; mission: string };
  technicians: { ana: string; ben: string; cruz: string };
}

/** Two offices and three technicians with fixed ids (tests refer to them by name). */
export async function seedDirectory(relay: RelayProcess, org: string): Promise<SeededDirectory> {
  const { board, connection, confirmed } = await nodeBoard(relay, org);
  try {
    const dir = board.directory;
    const north = dir.createOffice({ name: 'North Beach', code: 'SF-N' }, `${org}-office-n`);
    const mission = dir.createOffice({ name: 'Mission', code: 'SF-M' }, `${org}-office-m`);
    if (!north.ok || !mission.ok) throw new Error('could not seed offices');
    const tech = (name: string, officeId: string, color: string, id: string) => {
      const r = dir.createTechnician({ name, officeId, color, skills: ['hvac'] }, id);
      if (!r.ok) throw new Error(`could not seed ${name}`);
      return r.value.id;
    };
    const technicians = {
      ana: tech('Ana Lopez', north.value.id, '#1f77b4', `${org}-tech-ana`),
      ben: tech('Ben Okafor', mission.value.id, '#d1495b', `${org}-tech-ben`),
      cruz: tech('Cruz Diaz', mission.value.id, '#2a9d8f', `${org}-tech-cruz`)
    };
    await confirmed();
    return { offices: { north: north.value.id, mission: mission.value.id }, technicians };
  } finally {
    connection.destroy();
  }
}

/** Saves a part in the organisation's price book (stock is kept under its catalogue id); returns that id. */
export async function seedPricedPart(relay: RelayProcess, org: string, part: { sku: string; description: string; cost: string; price: string }, now: Date): Promise<string> {
  const { catalog, connection, confirmed } = await nodeCatalog(relay, org);
  try {
    const saved = catalog.save('parts', { ...part, pricingKind: 'price' }, undefined, now);
    if (!saved.ok) throw new Error(`could not seed the part: ${JSON.stringify(saved.errors)}`);
    await confirmed();
    return saved.value.id;
  } finally {
    connection.destroy();
  }
}
