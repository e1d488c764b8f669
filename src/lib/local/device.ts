/**
 * This tab's numbering series (J-<CODE>-0001; README "numbering" rule).
 *
 * A series must have one writer at a time: two tabs of one browser share localStorage, and
 * offline they do not see each other's jobs (each tab holds its own copy of the doc until
 * they sync), so two tabs on one series would issue the same number. Each live tab therefore
 * holds a Web Lock named after its series for its whole life (`navigator.locks`, which works
 * offline); a second tab finds that lock taken and takes another code from the browser's list,
 * creating and listing a new one only when every listed code is in use. Codes are reused once
 * free, so a reload does not burn a series. Without Web Locks a tab takes a fresh, unlisted
 * code: never shared, at the cost of a new series per tab.
 */
import { z } from 'zod';
import { deviceCodeFromBytes } from '../domain/numbering/series';
import type { KeyValueStore } from './pending-ledger';

/** Where the first release kept the one device code: still the first code to try. */
const LEGACY_KEY = 'fieldboard.deviceCode';
/** Every code this browser has used, oldest first (JSON array). */
const LIST_KEY = 'fieldboard.deviceCodes';
const LOCK_PREFIX = 'fieldboard.series.';
const codeSchema = z.string().regex(/^[2-9A-Z]{4}$/);
const listSchema = z.array(z.string()).catch([]);

/** The part of the Web Locks API used here (`navigator.locks`). */
export interface SeriesLocks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** A series held by this tab until `release()` (or until the tab closes). */
export interface DeviceSeries {
  readonly code: string;
  /** Whether a lock guards it (false: a fresh per-tab code, no Web Locks). */
  readonly locked: boolean;
  release(): void;
}

/** A random device code, never one of `taken`. */
export function freshDeviceCode(taken: ReadonlySet<string>, random: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(4))): string {
  for (;;) {
    const code = deviceCodeFromBytes(random());
    if (!taken.has(code)) return code;
  }
}

/** The codes this browser has used, oldest first. */
export function knownDeviceCodes(store: KeyValueStore): string[] {
  const legacy = store.get(LEGACY_KEY);
  const codes = legacy && codeSchema.safeParse(legacy).success ? [legacy] : [];
  for (const code of listedCodes(store)) if (!codes.includes(code)) codes.push(code);
  return codes;
}

/** The valid codes of the saved list (a damaged list reads as empty: codes are only lost, never shared). */
function listedCodes(store: KeyValueStore): string[] {
  let saved: unknown;
  try {
    saved = JSON.parse(store.get(LIST_KEY) ?? '[]');
  } catch {
    saved = [];
  }
  return listSchema.parse(saved).filter((code) => codeSchema.safeParse(code).success);
}

/**
 * Claims a series for this tab: the first listed code no other live tab holds, else a new
 * listed one. `locks` undefined (no Web Locks): a fresh code that is never listed.
 */
export async function claimDeviceSeries(store: KeyValueStore, locks: SeriesLocks | undefined, random?: () => Uint8Array): Promise<DeviceSeries> {
  const known = knownDeviceCodes(store);
  if (!locks) return { code: freshDeviceCode(new Set(known), random), locked: false, release: () => {} };
  for (const code of known) {
    const release = await tryHold(locks, code);
    if (release) return { code, locked: true, release };
  }
  for (;;) {
    const code = freshDeviceCode(new Set(knownDeviceCodes(store)), random);
    store.set(LIST_KEY, JSON.stringify([...listedCodes(store), code]));
    const release = await tryHold(locks, code);
    if (release) return { code, locked: true, release };
  }
}

/** Takes the series lock if no one holds it; resolves to its release, or null when taken. */
function tryHold(locks: SeriesLocks, code: string): Promise<(() => void) | null> {
  return new Promise((resolve, reject) => {
    let release: () => void = () => {};
    const held = new Promise<void>((done) => (release = done));
    locks
      .request(LOCK_PREFIX + code, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        resolve(release);
        // The lock is held until this promise settles: for the tab's life unless released.
        return held;
      })
      .catch(reject);
  });
}
