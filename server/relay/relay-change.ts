/**
 * Attribution of the changes the relay makes itself (public request form, restores, undo):
 * they go through the room's doc and its durable write path like a peer's update, and the
 * transaction origin tells the room who to store them as made by.
 */
import type { Attribution } from '../storage/types';

/** The user id stored for the relay's own changes (never a token subject: see tokens.ts). */
export const RELAY_USER_ID = 'relay';

/** A change by the relay on its own account (e.g. the public request form). */
export const SYSTEM_CHANGE: Attribution = { userId: RELAY_USER_ID, action: 'system' };

/** Transaction origin for relay-made changes; `by` is what the history records. */
export class RelayChange {
  constructor(readonly by: Attribution) {}
}
