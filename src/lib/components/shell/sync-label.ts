import { relativeTime } from '../ui/format';

export type SyncPhase = 'offline' | 'connecting' | 'syncing' | 'synced';

const PHASE_TEXT: Record<SyncPhase, string> = {
  offline: 'Offline',
  connecting: 'Connecting…',
  syncing: 'Syncing…',
  synced: 'Synced'
};

/** "3 changes pending" / "1 change pending"; empty when everything is confirmed. */
export function pendingText(unconfirmed: number): string {
  if (unconfirmed <= 0) return '';
  return `${unconfirmed} ${unconfirmed === 1 ? 'change' : 'changes'} pending`;
}

/** The indicator's visible text, e.g. "Offline · 3 changes pending" or "Synced". */
export function syncLabel(phase: SyncPhase, unconfirmed: number): string {
  const pending = pendingText(unconfirmed);
  return pending ? `${PHASE_TEXT[phase]} · ${pending}` : PHASE_TEXT[phase];
}

/** What the state means for the user, in a sentence or two (spoken by screen readers). */
export function syncExplanation(phase: SyncPhase, unconfirmed: number): string {
  const lead =
    phase === 'offline'
      ? 'No connection to the relay; you can keep working.'
      : phase === 'connecting'
        ? 'Connecting to the relay.'
        : phase === 'syncing'
          ? 'Exchanging changes with the relay.'
          : unconfirmed > 0
            ? 'Connected to the relay.'
            : 'Everything on this device is stored by the relay.';
  const saved = unconfirmed > 0 ? ' Your changes are saved on this device and will be sent when the relay confirms them.' : '';
  return lead + saved;
}

/** The tooltip: the explanation plus when the relay last confirmed our changes. */
export function syncDetail(phase: SyncPhase, unconfirmed: number, lastSyncedAt: number | null, now: number): string {
  const last = lastSyncedAt === null ? 'Never synced with the relay.' : `Last synced ${relativeTime(lastSyncedAt, now)}.`;
  return `${syncExplanation(phase, unconfirmed)} ${last}`;
}
