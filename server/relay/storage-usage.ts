/**
 * Stored bytes per room and per organisation, and the quotas on them (ROOM_QUOTA_BYTES,
 * ORG_QUOTA_BYTES), counting the history kept for restore too. No schema of its own: the totals are read from the existing tables at
 * start (`roomSizes`), set to the exact stored size whenever a room loads (compaction may
 * have shrunk it, or kept a history snapshot), and grown by every change a loaded room's doc
 * records. Between loads the figure can understate by the history snapshots compaction keeps
 * (one room-sized copy per HISTORY_SNAPSHOT_EVERY_MINUTES) and overstate by what it prunes.
 *
 * The same map answers "does this room exist?" (anything stored, or loaded with changes):
 * a role that may not write an archive may open an existing one but not bring a new one into
 * being.
 */
import type { Database } from 'better-sqlite3';
import type { StorageQuotas } from '../config';

/** A write would take a room or its organisation past its quota. */
export class QuotaExceeded extends Error {
  constructor(
    readonly scope: 'room' | 'org',
    message: string
  ) {
    super(message);
    this.name = 'QuotaExceeded';
  }
}

/**
 * Bytes stored per room (log rows + snapshot + the history kept for restore), from the tables
 * as they are. History counts: compaction moves rows into it rather than freeing them, so a
 * quota on the live log alone could be refilled after every compaction within the retention.
 */
export function roomSizes(db: Database): Map<string, number> {
  const rows = db
    .prepare<[], { room: string; bytes: number }>(
      `SELECT room, SUM(bytes) AS bytes FROM (
         SELECT room, SUM(LENGTH(data)) AS bytes FROM updates GROUP BY room
         UNION ALL
         SELECT room, LENGTH(data) AS bytes FROM snapshots
         UNION ALL
         SELECT room, SUM(LENGTH(data)) AS bytes FROM history_updates GROUP BY room
         UNION ALL
         SELECT room, SUM(LENGTH(data)) AS bytes FROM history_snapshots GROUP BY room
       ) GROUP BY room`
    )
    .all();
  return new Map(rows.map((row) => [row.room, row.bytes]));
}

const MIB = 1024 * 1024;

function orgOf(roomId: string): string {
  return roomId.slice(0, roomId.indexOf('/'));
}

export class StorageUsage {
  readonly #rooms: Map<string, number>;
  readonly #orgs = new Map<string, number>();

  constructor(
    initial: Map<string, number>,
    private readonly quotas: StorageQuotas
  ) {
    this.#rooms = new Map(initial);
    for (const [room, bytes] of initial) this.#orgs.set(orgOf(room), (this.#orgs.get(orgOf(room)) ?? 0) + bytes);
  }

  /** Whether the room holds anything (stored, or changed since it loaded). */
  exists(roomId: string): boolean {
    return (this.#rooms.get(roomId) ?? 0) > 0;
  }

  roomBytes(roomId: string): number {
    return this.#rooms.get(roomId) ?? 0;
  }

  orgBytes(org: string): number {
    return this.#orgs.get(org) ?? 0;
  }

  /** Throws QuotaExceeded if storing `bytes` more in the room would pass a quota. */
  check(roomId: string, bytes: number): void {
    const { roomBytes, orgBytes } = this.quotas;
    const room = this.roomBytes(roomId);
    if (roomBytes > 0 && room + bytes > roomBytes) {
      throw new QuotaExceeded('room', `storage quota: room ${roomId} holds ${mib(room)} of ${mib(roomBytes)}`);
    }
    const org = orgOf(roomId);
    const total = this.orgBytes(org);
    if (orgBytes > 0 && total + bytes > orgBytes) {
      throw new QuotaExceeded('org', `storage quota: organisation ${org} holds ${mib(total)} of ${mib(orgBytes)}`);
    }
  }

  /** A loaded room recorded a change of `bytes`. */
  add(roomId: string, bytes: number): void {
    this.#set(roomId, this.roomBytes(roomId) + bytes);
  }

  /** Scale-out: the sizes Postgres reported at start, for rooms this instance has no figure for yet. */
  seed(sizes: Map<string, number>): void {
    for (const [room, bytes] of sizes) if (!this.#rooms.has(room)) this.#set(room, bytes);
  }

  /** A room was loaded: `bytes` is exactly what storage holds for it now. */
  loaded(roomId: string, bytes: number): void {
    this.#set(roomId, bytes);
  }

  #set(roomId: string, bytes: number): void {
    const org = orgOf(roomId);
    this.#orgs.set(org, this.orgBytes(org) - this.roomBytes(roomId) + bytes);
    if (bytes > 0) this.#rooms.set(roomId, bytes);
    else this.#rooms.delete(roomId);
  }
}

function mib(bytes: number): string {
  return bytes < MIB ? `${Math.round(bytes / 1024)} KiB` : `${(bytes / MIB).toFixed(1)} MiB`;
}
