/**
 * This device's identity for numbering series (J-<DEVICE>-0001): made once, kept locally.
 */
import { deviceCodeFromBytes } from '../domain/numbering/series';
import type { KeyValueStore } from './pending-ledger';

const KEY = 'fieldboard.deviceCode';
const VALID = /^[2-9A-Z]{4}$/;

export function deviceCode(store: KeyValueStore): string {
  const saved = store.get(KEY);
  if (saved && VALID.test(saved)) return saved;
  const code = deviceCodeFromBytes(crypto.getRandomValues(new Uint8Array(4)));
  store.set(KEY, code);
  return code;
}
