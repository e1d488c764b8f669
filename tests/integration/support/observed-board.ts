/**
 * The set-up of the relay room-rule tests: a real relay holding one organisation's board, with
 * two synced stock clients on it, an admin who seeds it and a dispatcher ("obi") who observes
 * what the relay forwards. Other devices of the organisation get their tokens from `token`.
 */
import type { WebsocketProvider } from 'y-websocket';
import type { Role } from '../../../src/lib/domain/access/roles';
import { startRelay, type RelayProcess } from '../../helpers/relay-process';
import { makeToken } from '../../helpers/tokens';
import { stockClient, synced } from './clients';

export interface ObservedBoard {
  relay: RelayProcess;
  /** `<org>/board` */
  room: string;
  /** The seeding admin ("ada"). */
  admin: WebsocketProvider;
  /** A dispatcher who only reads: what reaches it, the relay accepted and forwarded. */
  observer: WebsocketProvider;
  token(role: Role, sub: string): Promise<string>;
  /** Closes both clients and stops the relay. */
  stop(): Promise<void>;
}

export async function startObservedBoard(org: string): Promise<ObservedBoard> {
  const relay = await startRelay();
  const room = `${org}/board`;
  const token = (role: Role, sub: string) => makeToken(relay.dataDir, { org, role, sub });
  const admin = stockClient(relay.wsUrl, room, await token('admin', 'ada'));
  const observer = stockClient(relay.wsUrl, room, await token('dispatcher', 'obi'));
  await synced(admin);
  await synced(observer);
  const stop = async () => {
    admin.destroy();
    observer.destroy();
    await relay.kill();
  };
  return { relay, room, admin, observer, token, stop };
}
