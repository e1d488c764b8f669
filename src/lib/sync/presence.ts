/**
 * Presence over Yjs awareness (y-protocols): who is online on a doc and which job each person
 * is looking at or editing. Awareness is ephemeral (never stored by the relay, dropped 30 s
 * after a peer goes silent), so it carries no business data, only where people are.
 *
 * Peers' states are validated like any other input from outside: a malformed state (an old or
 * buggy client, a stock y-websocket client with the default empty state) is left out.
 */
import type { Awareness } from 'y-protocols/awareness';
import { z } from 'zod';

/** What a person is doing with a job right now. */
export type PresenceMode = 'viewing' | 'editing';

export const presenceStateSchema = z.object({
  user: z.object({
    id: z.string().min(1).max(128),
    name: z.string().max(200),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    role: z.string().max(40).optional()
  }),
  /** The app path the person has open, e.g. `/board`, `/jobs/<id>`. */
  path: z.string().max(300).default(''),
  jobId: z.string().max(128).nullable().default(null),
  mode: z.enum(['viewing', 'editing']).nullable().default(null)
});
export type PresenceState = z.infer<typeof presenceStateSchema>;

/** One connected client (a person may have several: tabs, devices). */
export interface PresencePeer extends PresenceState {
  clientId: number;
  /** True for this tab. */
  self: boolean;
}

export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  role?: string;
}

/** Spreads people over distinguishable hues; the same id always gets the same colour. */
export function colorForUser(id: string): string {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  const palette = ['#1f77b4', '#d1495b', '#2a9d8f', '#8e5ea2', '#e07a1f', '#3d7d3d', '#b5488a', '#4a6fa5', '#a0522d', '#00838f'];
  return palette[(hash >>> 0) % palette.length]!;
}

/** "Ana Lopez" → "AL"; "dispatcher-7" → "DI". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s._-]+/).filter(Boolean);
  if (words.length >= 2) return (words[0]![0]! + words[1]![0]!).toUpperCase();
  return (words[0] ?? '?').slice(0, 2).toUpperCase();
}

export class Presence {
  readonly #awareness: Awareness;
  readonly #user: PresenceUser;
  #local: Omit<PresenceState, 'user'> = { path: '', jobId: null, mode: null };

  constructor(awareness: Awareness, user: PresenceUser) {
    this.#awareness = awareness;
    this.#user = user;
    this.#publish();
  }

  get clientId(): number {
    return this.#awareness.clientID;
  }

  /** Says where this person is; only changed values are sent (awareness frames are broadcast). */
  set(next: Partial<Omit<PresenceState, 'user'>>): void {
    const merged = { ...this.#local, ...next };
    if (merged.path === this.#local.path && merged.jobId === this.#local.jobId && merged.mode === this.#local.mode) return;
    this.#local = merged;
    this.#publish();
  }

  /** Every valid peer state, this tab's included. */
  peers(): PresencePeer[] {
    const out: PresencePeer[] = [];
    for (const [clientId, state] of this.#awareness.getStates()) {
      const parsed = presenceStateSchema.safeParse(state);
      if (parsed.success) out.push({ ...parsed.data, clientId, self: clientId === this.#awareness.clientID });
    }
    return out;
  }

  /** Calls back when anyone's presence changes (not on the periodic keep-alive renewals). */
  onChange(callback: () => void): () => void {
    const handler = () => callback();
    this.#awareness.on('change', handler);
    return () => this.#awareness.off('change', handler);
  }

  /** Withdraws this tab's presence (sign-out, closing the workspace). */
  destroy(): void {
    this.#awareness.setLocalState(null);
  }

  #publish(): void {
    this.#awareness.setLocalState({ user: this.#user, ...this.#local });
  }
}
