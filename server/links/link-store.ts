/**
 * The register of customer links (server/README.md "Customer links"): one row per minted link
 * (its id = the token's `jti`), so the office can list a document's links and revoke them.
 * The token itself is never stored: the row cannot be turned back into a working link.
 * Embedded SQLite here (table `customer_links`, storage/schema.ts migration 5); with several
 * instances the same rows live in Postgres (pg-link-store.ts), shared by every instance.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { LinkKind } from '../../src/lib/domain/quotes/document-link';

export interface LinkRecord {
  id: string;
  org: string;
  kind: LinkKind;
  /** The quote's or invoice's id. */
  doc: string;
  /** The minting user's token subject, and their name when they minted it. */
  mintedBy: string;
  mintedByName: string;
  mintedAtMs: number;
  expiresAtMs: number;
  revokedAtMs: number | null;
  revokedBy: string | null;
  revokedByName: string | null;
}

/** Who minted or revoked: the token subject and the name they had then. */
export interface LinkActor {
  id: string;
  name: string;
}

type Awaitable<T> = T | Promise<T>;
export type NewLinkRecord = Omit<LinkRecord, 'revokedAtMs' | 'revokedBy' | 'revokedByName'>;

/** What the relay needs of a link register; the SQLite one answers synchronously, Postgres does not. */
export interface LinkStorage {
  /** Records a freshly minted link (before its token is handed out). */
  record(link: NewLinkRecord): Awaitable<void>;
  /** The link with this id, or null (unknown). */
  get(id: string): Awaitable<LinkRecord | null>;
  /** One document's links, newest first. */
  ofDocument(org: string, kind: LinkKind, doc: string): Awaitable<LinkRecord[]>;
  /** Revokes one link of `org`; null when the org has no such link. Revoking twice keeps the first revocation. */
  revoke(org: string, id: string, by: LinkActor, atMs: number): Awaitable<LinkRecord | null>;
  /** Revokes every not yet revoked link of one document; how many were revoked now. */
  revokeDocument(org: string, kind: LinkKind, doc: string, by: LinkActor, atMs: number): Awaitable<number>;
}

/** A row as both stores read it back (Postgres BIGINTs already converted). */
export interface LinkRow {
  id: string;
  org: string;
  kind: string;
  doc: string;
  minted_by: string;
  minted_by_name: string;
  minted_at: number;
  expires_at: number;
  revoked_at: number | null;
  revoked_by: string | null;
  revoked_by_name: string | null;
}

/** A row whose kind this relay does not know (a newer relay wrote it) is no link of ours: null. */
export function toLinkRecord(row: LinkRow): LinkRecord | null {
  if (row.kind !== 'quote' && row.kind !== 'invoice') return null;
  return {
    id: row.id,
    org: row.org,
    kind: row.kind,
    doc: row.doc,
    mintedBy: row.minted_by,
    mintedByName: row.minted_by_name,
    mintedAtMs: row.minted_at,
    expiresAtMs: row.expires_at,
    revokedAtMs: row.revoked_at,
    revokedBy: row.revoked_by,
    revokedByName: row.revoked_by_name
  };
}

export function linkRecords(rows: readonly LinkRow[]): LinkRecord[] {
  return rows.map(toLinkRecord).filter((link): link is LinkRecord => link !== null);
}

export class SqliteLinkStore implements LinkStorage {
  readonly #insert: Statement<[string, string, string, string, string, string, number, number]>;
  readonly #byId: Statement<[string], LinkRow>;
  readonly #ofDocument: Statement<[string, string, string], LinkRow>;
  readonly #revoke: Statement<[number, string, string, string, string]>;
  readonly #revokeDocument: Statement<[number, string, string, string, string, string]>;

  constructor(db: Database) {
    this.#insert = db.prepare('INSERT INTO customer_links (id, org, kind, doc, minted_by, minted_by_name, minted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    this.#byId = db.prepare('SELECT * FROM customer_links WHERE id = ?');
    this.#ofDocument = db.prepare('SELECT * FROM customer_links WHERE org = ? AND kind = ? AND doc = ? ORDER BY minted_at DESC, id');
    this.#revoke = db.prepare('UPDATE customer_links SET revoked_at = ?, revoked_by = ?, revoked_by_name = ? WHERE id = ? AND org = ? AND revoked_at IS NULL');
    this.#revokeDocument = db.prepare('UPDATE customer_links SET revoked_at = ?, revoked_by = ?, revoked_by_name = ? WHERE org = ? AND kind = ? AND doc = ? AND revoked_at IS NULL');
  }

  record(link: NewLinkRecord): void {
    this.#insert.run(link.id, link.org, link.kind, link.doc, link.mintedBy, link.mintedByName, link.mintedAtMs, link.expiresAtMs);
  }

  get(id: string): LinkRecord | null {
    const row = this.#byId.get(id);
    return row ? toLinkRecord(row) : null;
  }

  ofDocument(org: string, kind: LinkKind, doc: string): LinkRecord[] {
    return linkRecords(this.#ofDocument.all(org, kind, doc));
  }

  revoke(org: string, id: string, by: LinkActor, atMs: number): LinkRecord | null {
    this.#revoke.run(atMs, by.id, by.name, id, org);
    const link = this.get(id);
    return link && link.org === org ? link : null;
  }

  revokeDocument(org: string, kind: LinkKind, doc: string, by: LinkActor, atMs: number): number {
    return this.#revokeDocument.run(atMs, by.id, by.name, org, kind, doc).changes;
  }
}
