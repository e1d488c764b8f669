/**
 * Archive months as rooms: opening `<org>/archive-YYYY-MM` on demand (read-only to look at
 * history, read-write for the archiver) and knowing when the relay has synced or committed
 * what this device wrote. Archive docs have the board's shape (README "Archive moves"), so a
 * BoardDoc reads them.
 */
import { archiveDocOf } from '../domain/archive/archive-plan';
import type { ArchiveEnvironment, ArchiveTarget } from './archiver';
import { DocConnection, type DocConnectionOptions } from './doc-connection';
import { CloseCode, roomId } from './protocol';

/** How long the archiver waits for the relay before giving up on a month (it retries next run). */
export const ARCHIVE_WAIT_MS = 60_000;

export type ArchiveConnectionOptions = Omit<DocConnectionOptions, 'room' | 'migrations' | 'writable'>;

/** Opens archive month `month` of `org`; the caller destroys it. */
export function openArchiveMonth(options: ArchiveConnectionOptions, org: string, month: string, writable: boolean): DocConnection {
  return new DocConnection({ ...options, room: roomId(org, archiveDocOf(month)), migrations: [], writable });
}

/**
 * Resolves once the relay has sent this doc everything it holds and committed everything this
 * device wrote (ConnectionMonitor phase `synced`); rejects on a refusal, a full quota, a
 * refused sign-in or after `timeoutMs`.
 */
export function whenRelayHolds(connection: DocConnection, timeoutMs = ARCHIVE_WAIT_MS): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let stop = (): void => {};
    const timer = setTimeout(() => finish(new Error(`${connection.room}: the server did not confirm in time`)), timeoutMs);
    const onClosed = (event: { code: number; reason: string }) => {
      if (event.code === CloseCode.changeRefused) finish(new Error(`${connection.room}: ${event.reason}`));
    };
    function finish(error?: Error): void {
      clearTimeout(timer);
      stop();
      connection.provider?.off('closed', onClosed);
      if (error) reject(error);
      else resolve();
    }
    connection.provider?.on('closed', onClosed);
    if (!connection.provider) return finish(new Error(`${connection.room}: not connected to a server`));
    stop = connection.monitor.subscribe((state) => {
      if (state.phase === 'synced') queueMicrotask(() => finish());
      else if (state.refused || state.quotaFull) queueMicrotask(() => finish(new Error(`${connection.room}: ${state.quotaFull ?? state.refused?.reason ?? 'refused'}`)));
    });
  });
}

/** The archiver's view of a workspace: archive months opened read-write, the board's confirmations. */
export function archiveEnvironment(options: ArchiveConnectionOptions, org: string, board: DocConnection): ArchiveEnvironment {
  return {
    async openArchive(month: string): Promise<ArchiveTarget> {
      const connection = openArchiveMonth(options, org, month, true);
      try {
        await connection.whenLoaded;
        await whenRelayHolds(connection);
      } catch (error) {
        connection.destroy();
        throw error;
      }
      return { doc: connection.doc, whenDurable: () => whenRelayHolds(connection), close: () => connection.destroy() };
    },
    boardDurable: () => whenRelayHolds(board)
  };
}
