/**
 * The browser events that matter to a session: the device came back online or the tab was
 * shown again (timers do not run while a phone sleeps), and another tab changed storage.
 */
export interface DeviceSignalHandlers {
  wake: () => void;
  /** `key` is null when another tab cleared all of storage. */
  storageChanged: (key: string | null) => void;
}

/** Listens until the returned function is called. */
export function watchDevice(handlers: DeviceSignalHandlers): () => void {
  const visible = () => {
    if (document.visibilityState === 'visible') handlers.wake();
  };
  const storage = (event: StorageEvent) => handlers.storageChanged(event.key);
  window.addEventListener('online', handlers.wake);
  document.addEventListener('visibilitychange', visible);
  window.addEventListener('storage', storage);
  return () => {
    window.removeEventListener('online', handlers.wake);
    document.removeEventListener('visibilitychange', visible);
    window.removeEventListener('storage', storage);
  };
}
