/**
 * Roles, documents and who may read or write which room (DESIGN §2).
 * Pure: used by the relay to enforce access and by the client to decide what to open.
 */
export const ROLES = ['admin', 'dispatcher', 'technician', 'manager', 'wallboard'] as const;
export type Role = (typeof ROLES)[number];

/** The per-organisation documents. Archive docs are named `archive-YYYY-MM`. */
export const LIVE_DOCS = ['board', 'finance'] as const;
export type LiveDocName = (typeof LIVE_DOCS)[number];
export type DocName = LiveDocName | `archive-${number}-${number}`;

/** Organisation slugs: lower-case letters, digits and dashes, 1–63 chars, no leading dash. */
export const ORG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export type Access = 'rw' | 'ro' | 'none';

const LIVE_ACCESS: Record<Role, Record<LiveDocName, Access>> = {
  admin: { board: 'rw', finance: 'rw' },
  dispatcher: { board: 'rw', finance: 'rw' },
  technician: { board: 'rw', finance: 'none' },
  manager: { board: 'ro', finance: 'ro' },
  wallboard: { board: 'ro', finance: 'none' }
};

const ARCHIVE_DOC = /^archive-\d{4}-(0[1-9]|1[0-2])$/;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isDocName(value: string): value is DocName {
  return (LIVE_DOCS as readonly string[]).includes(value) || ARCHIVE_DOC.test(value);
}

/**
 * What a role may do in a document. Archives are historical board data: readable by
 * everyone who may read the board, written only by roles that may write the board.
 */
export function roomAccess(role: Role, doc: DocName): Access {
  if (doc === 'board' || doc === 'finance') return LIVE_ACCESS[role][doc];
  return LIVE_ACCESS[role].board;
}

export function canRead(role: Role, doc: DocName): boolean {
  return roomAccess(role, doc) !== 'none';
}

export function canWrite(role: Role, doc: DocName): boolean {
  return roomAccess(role, doc) === 'rw';
}
