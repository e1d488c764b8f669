/**
 * Erasing an organisation's offline copy from this device (after signing out on a shared or
 * lost-and-found device). The docs live in IndexedDB as `fieldboard:<org>/<doc>` (y-indexeddb,
 * see sync/doc-connection.ts; `…#<n>` after a refused change), their unconfirmed-change ledgers
 * in localStorage, backups of refused changes in `fieldboard-refused-changes`.
 */

import { RefusedChangeVault } from '../local/refused-changes';

/** How long to wait for other tabs to let go of a database before giving up. */
const DELETE_TIMEOUT_MS = 10_000;

export class DeviceDataBusyError extends Error {
  constructor(readonly database: string) {
    super(`another Fieldboard tab is still using ${database}`);
    this.name = 'DeviceDataBusyError';
  }
}

/** The database names of an organisation's docs on this device. */
export async function orgDatabases(org: string, idb: IDBFactory = indexedDB): Promise<string[]> {
  const prefix = `fieldboard:${org}/`;
  const names = new Set([`${prefix}board`, `${prefix}finance`]);
  if (typeof idb.databases === 'function') {
    for (const info of await idb.databases()) {
      if (info.name?.startsWith(prefix)) names.add(info.name);
    }
  }
  return [...names];
}

/**
 * Deletes `org`'s docs from this device. Close the workspace first: an open connection
 * delays the deletion until it closes (rejects with `DeviceDataBusyError` after 10 s).
 */
export async function eraseOrgData(org: string, idb: IDBFactory = indexedDB, storage: Storage | null = safeLocalStorage()): Promise<string[]> {
  const names = await orgDatabases(org, idb);
  await Promise.all(names.map((name) => deleteDatabase(idb, name)));
  for (const name of names) {
    const room = name.slice('fieldboard:'.length).replace(/#\d+$/, '');
    try {
      storage?.removeItem(`fieldboard.pending.${room}`);
      storage?.removeItem(`fieldboard.docgen.${room}`);
    } catch {
      // Nothing stored.
    }
  }
  await eraseRefusedChanges(org);
  return names;
}

/** Backups of refused changes hold the org's data too. */
async function eraseRefusedChanges(org: string): Promise<void> {
  const vault = new RefusedChangeVault();
  try {
    for (const change of await vault.list()) if (change.room.startsWith(`${org}/`)) await vault.remove(change.id);
  } finally {
    vault.close();
  }
}

function deleteDatabase(idb: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = idb.deleteDatabase(name);
    const timer = setTimeout(() => reject(new DeviceDataBusyError(name)), DELETE_TIMEOUT_MS);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error ?? new Error(`could not delete ${name}`));
    };
    // onblocked: another connection is open; the request completes once it closes.
  });
}

function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
