/**
 * Who else is on the board, read from presence peers (sync/presence.ts): the people on each
 * job, and everyone online. Pure, so the live board derives them and tests can too.
 */
import type { PresenceMode, PresencePeer } from '../sync/presence';

/** Someone else looking at or editing a job. */
export interface JobWatcher {
  userId: string;
  name: string;
  color: string;
  mode: PresenceMode;
}

export interface OnlineUser {
  id: string;
  name: string;
  color: string;
  role: string | undefined;
  self: boolean;
  /** Tabs or devices this person has open. */
  clients: number;
}

/** Other people on each job (`me`'s own tabs left out); one entry per person, editing wins. */
export function jobWatchers(peers: readonly PresencePeer[], me: string | undefined): Map<string, JobWatcher[]> {
  const out = new Map<string, JobWatcher[]>();
  for (const peer of peers) {
    if (peer.self || peer.user.id === me || !peer.jobId || !peer.mode) continue;
    const list = out.get(peer.jobId) ?? [];
    const existing = list.find((w) => w.userId === peer.user.id);
    if (existing) {
      if (peer.mode === 'editing') existing.mode = 'editing';
    } else list.push({ userId: peer.user.id, name: peer.user.name, color: peer.user.color, mode: peer.mode });
    out.set(peer.jobId, list);
  }
  return out;
}

/** Who is online on this board, one entry per person, this user first. */
export function onlineUsers(peers: readonly PresencePeer[]): OnlineUser[] {
  const byUser = new Map<string, OnlineUser>();
  for (const peer of peers) {
    const user = byUser.get(peer.user.id);
    if (user) {
      user.clients++;
      user.self ||= peer.self;
    } else byUser.set(peer.user.id, { id: peer.user.id, name: peer.user.name, color: peer.user.color, role: peer.user.role, self: peer.self, clients: 1 });
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}
