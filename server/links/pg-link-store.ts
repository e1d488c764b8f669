/**
 * The register of customer links in PostgreSQL (several relay instances, server/README.md
 * "Several instances"): a link minted or revoked through one instance is known to all of them
 * at the next request. Same rules as the SQLite store (link-store.ts).
 */
import type pg from 'pg';
import { z } from 'zod';
import type { LinkKind } from '../../src/lib/domain/quotes/document-link';
import { linkRecords, toLinkRecord, type LinkActor, type LinkRecord, type LinkStorage, type NewLinkRecord } from './link-store';

export const LINK_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS fb_customer_links (
  id TEXT PRIMARY KEY, org TEXT NOT NULL, kind TEXT NOT NULL, doc TEXT NOT NULL, minted_by TEXT NOT NULL,
  minted_by_name TEXT NOT NULL, minted_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT, revoked_by TEXT,
  revoked_by_name TEXT);
CREATE INDEX IF NOT EXISTS fb_customer_links_document ON fb_customer_links (org, kind, doc);
`;

// Rows are read back through zod: BIGINT arrives as a string.
const bigint = z.union([z.string().regex(/^-?\d+$/), z.number().int()]).transform(Number);
const linkRowSchema = z.object({
  id: z.string(),
  org: z.string(),
  kind: z.string(),
  doc: z.string(),
  minted_by: z.string(),
  minted_by_name: z.string(),
  minted_at: bigint,
  expires_at: bigint,
  revoked_at: bigint.nullable(),
  revoked_by: z.string().nullable(),
  revoked_by_name: z.string().nullable()
});

export class PgLinkStore implements LinkStorage {
  constructor(
    private readonly pool: pg.Pool,
    /** Resolves once the tables exist (PgStorage.init). */
    private readonly ready: () => Promise<void>
  ) {}

  async record(link: NewLinkRecord): Promise<void> {
    await this.#query('INSERT INTO fb_customer_links (id, org, kind, doc, minted_by, minted_by_name, minted_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
      link.id,
      link.org,
      link.kind,
      link.doc,
      link.mintedBy,
      link.mintedByName,
      link.mintedAtMs,
      link.expiresAtMs
    ]);
  }

  async get(id: string): Promise<LinkRecord | null> {
    const { rows } = await this.#query('SELECT * FROM fb_customer_links WHERE id = $1', [id]);
    return rows[0] ? toLinkRecord(linkRowSchema.parse(rows[0])) : null;
  }

  async ofDocument(org: string, kind: LinkKind, doc: string): Promise<LinkRecord[]> {
    const { rows } = await this.#query('SELECT * FROM fb_customer_links WHERE org = $1 AND kind = $2 AND doc = $3 ORDER BY minted_at DESC, id', [org, kind, doc]);
    return linkRecords(rows.map((row) => linkRowSchema.parse(row)));
  }

  async revoke(org: string, id: string, by: LinkActor, atMs: number): Promise<LinkRecord | null> {
    // Conditional: of two instances revoking one link at once, the first revocation is kept.
    await this.#query('UPDATE fb_customer_links SET revoked_at = $1, revoked_by = $2, revoked_by_name = $3 WHERE id = $4 AND org = $5 AND revoked_at IS NULL', [atMs, by.id, by.name, id, org]);
    const link = await this.get(id);
    return link && link.org === org ? link : null;
  }

  async revokeDocument(org: string, kind: LinkKind, doc: string, by: LinkActor, atMs: number): Promise<number> {
    const result = await this.#query('UPDATE fb_customer_links SET revoked_at = $1, revoked_by = $2, revoked_by_name = $3 WHERE org = $4 AND kind = $5 AND doc = $6 AND revoked_at IS NULL', [
      atMs,
      by.id,
      by.name,
      org,
      kind,
      doc
    ]);
    return result.rowCount ?? 0;
  }

  async #query(sql: string, params: unknown[]): Promise<pg.QueryResult> {
    await this.ready();
    return this.pool.query(sql, params);
  }
}
