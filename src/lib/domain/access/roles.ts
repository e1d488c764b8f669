/**
 * Roles, documents and who may read or write which room (DESIGN §2).
 * Pure: used by the relay to enforce access and by the client to decide what to open.
 */
import { docKind } from '../rooms/board-generation';

export const ROLES = ['admin', 'dispatcher', 'technician', 'manager', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The per-organisation documents. Archive docs are named `archive-YYYY-MM`; the live board's
 * later generations `board-gN` (domain/rooms/board-generation.ts) follow the board's rules.
 */
export const LIVE_DOCS = ['board', 'finance', 'catalog'] as const;
export type LiveDocName = (typeof LIVE_DOCS)[number];
export type DocName = LiveDocName | `archive-${number}-${number}` | `board-g${number}`;

/** Organisation slugs: lower-case letters, digits and dashes, 1–63 chars, no leading dash. */
export const ORG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type Access = 'rw' | 'ro' | 'none';

/** DESIGN §2's table; `archive` stands for every `archive-YYYY-MM` doc, `board` for every board generation. */
const ACCESS: Record<Role, Record<LiveDocName | 'archive', Access>> = {
  admin: { board: 'rw', finance: 'rw', catalog: 'rw', archive: 'rw' },
  dispatcher: { board: 'rw', finance: 'rw', catalog: 'rw', archive: 'rw' },
  technician: { board: 'rw', finance: 'none', catalog: 'ro', archive: 'ro' },
  manager: { board: 'ro', finance: 'ro', catalog: 'ro', archive: 'ro' },
  wallboard: { board: 'ro', finance: 'none', catalog: 'none', archive: 'none' }
};

/** The first archive month a room may be named after; older names are refused. */
export const FIRST_ARCHIVE_MONTH = '2000-01';

const ARCHIVE_DOC = /^archive-\d{4}-(0[1-9]|1[0-2])$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isDocName(value: string): value is DocName {
  return docKind(value) !== null;
}

/**
 * What a role may do in a document. Archives are historical board data written by the
 * archiving roles (admin, dispatcher); technicians and managers may read them.
 */
export function roomAccess(role: Role, doc: DocName): Access {
  return ACCESS[role][docKind(doc) ?? 'archive'];
}

export function isArchiveDoc(doc: string): doc is `archive-${number}-${number}` {
  return ARCHIVE_DOC.test(doc);
}

/**
 * Whether an archive doc's month is one the organisation can have: from FIRST_ARCHIVE_MONTH
 * to the month after `now` (UTC; one month of slack for zones and clocks). Live docs: true.
 */
export function archiveMonthInRange(doc: DocName, now: Date): boolean {
  if (!isArchiveDoc(doc)) return true;
  const month = doc.slice('archive-'.length);
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  const last = `${next.getUTCFullYear().toString().padStart(4, '0')}-${String(next.getUTCMonth() + 1).padStart(2, '0')}`;
  return month >= FIRST_ARCHIVE_MONTH && month <= last;
}

export function canRead(role: Role, doc: DocName): boolean {
  return roomAccess(role, doc) !== 'none';
}

export function canWrite(role: Role, doc: DocName): boolean {
  return roomAccess(role, doc) === 'rw';
}

/**
 * Whether the app offers a role the board-wide dispatch actions: new jobs, cancelling,
 * (re)assigning and scheduling anyone's jobs, moving cards and visits around. Technicians
 * write the board too (their own visits' taps, time, parts and notes) but are not offered
 * these. UI policy only: the relay grants technicians the board room read-write, because
 * field-level rules cannot be enforced on a CRDT room, and every change records its author.
 */
export function canDispatch(role: Role | undefined): boolean {
  return role === 'admin' || role === 'dispatcher';
}
