/** Counters read from the relay's Prometheus endpoint (`/metrics`), by reason. */
import type { RelayProcess } from './relay-process';

async function counterByReason(relay: RelayProcess, name: string, reason: string): Promise<number> {
  const text = await (await fetch(`${relay.httpUrl}/metrics`)).text();
  return Number(new RegExp(`${name}\\{reason="${reason}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
}

/** Frames or upgrades the relay refused for `reason` (read-only, rate-limited, upgrade-…); 0 before the first. */
export function rejectedMessages(relay: RelayProcess, reason: string): Promise<number> {
  return counterByReason(relay, 'fieldboard_rejected_messages_total', reason);
}

/** Document updates the room rules guard refused for `reason` (delete-entity, wrong-author, …); 0 before the first. */
export function refusedUpdates(relay: RelayProcess, reason: string): Promise<number> {
  return counterByReason(relay, 'fieldboard_refused_updates_total', reason);
}
