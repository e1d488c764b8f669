/** The app's own Workspace in Node against the test relay: in memory, over real websockets. */
import WebSocket from 'ws';
import type { Role } from '../../../src/lib/domain/access/roles';
import { MemoryStore } from '../../../src/lib/local/pending-ledger';
import { Workspace } from '../../../src/lib/sync/workspace';
import type { RelayProcess } from '../../helpers/relay-process';
import { makeToken } from '../../helpers/tokens';

/** Opens a workspace for `sub` with `role` in `org` and waits until its local load is done. */
export async function openWorkspace(relay: RelayProcess, org: string, role: Role, sub: string): Promise<Workspace> {
  const ws = new Workspace({
    org,
    role,
    token: await makeToken(relay.dataDir, { org, role, sub, name: sub }),
    serverUrl: relay.wsUrl,
    store: new MemoryStore(),
    persist: false,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
  });
  await ws.whenLoaded;
  return ws;
}
