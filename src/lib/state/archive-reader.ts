/**
 * Reading one archive month once (reports deriving rows, search looking for jobs): open the
 * room read-only, wait for what the relay holds (or settle for what this device stored of it
 * when offline), read, close. Pages that keep months open while shown use ArchiveMonths instead.
 */
import { whenRelayHolds } from '../sync/archive-rooms';
import { BoardDoc } from '../sync/board-doc';
import { workspace } from './workspace.svelte';

/** How long a read waits for the relay before it settles for this device's copy of the month. */
const REACH_WAIT_MS = 20_000;

export interface ArchiveRead {
  archive: BoardDoc;
  /** False when the relay could not be reached: `archive` holds only what this device stored of the month. */
  fromRelay: boolean;
}

/** Whether the board's relay connection is up (reactive): archive months are then read from the relay. */
export function relayReachable(): boolean {
  const phase = workspace.status.phase;
  return phase === 'synced' || phase === 'syncing';
}

/**
 * Opens archive month `month`, hands it to `read` and closes it; null before a workspace is open.
 * `onOpen` receives a close function, so a caller that stops early frees the room at once.
 */
export async function readArchiveMonth<T>(month: string, read: (month: ArchiveRead) => T, onOpen?: (close: () => void) => void): Promise<T | null> {
  const connection = workspace.openArchive(month);
  if (!connection) return null;
  let open = true;
  const close = () => {
    if (open) connection.destroy();
    open = false;
  };
  onOpen?.(close);
  try {
    // A local database that does not open leaves the relay's copy, which is all that is needed.
    await connection.whenLoaded.catch(() => undefined);
    const fromRelay = relayReachable() && (await whenRelayHolds(connection, REACH_WAIT_MS).then(() => true, () => false));
    if (!open) return null;
    return read({ archive: new BoardDoc(connection.doc), fromRelay });
  } finally {
    close();
  }
}
