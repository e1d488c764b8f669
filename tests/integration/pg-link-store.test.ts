/**
 * The customer-link register in PostgreSQL (server/links/pg-link-store.ts), shared by every
 * relay instance: the same contract as SQLite's (support/link-store-contract.ts), and a link
 * revoked through one instance's store is refused by another's at once. Real Postgres; skips
 * loudly without it (and Redis, like every scale-out test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgLinkStore } from '../../server/links/pg-link-store';
import { PgStorage } from '../../server/storage/pg-storage';
import { TEST_NOW } from '../clock';
import { linkStoreContract } from './support/link-store-contract';
import { DATABASE_URL, newNamespace, scaleOutServicesAvailable, type Namespace } from './support/scale-out';

const available = await scaleOutServicesAvailable();

describe.skipIf(!available)('customer-link register on real PostgreSQL', () => {
  let ns: Namespace;
  const opened: PgStorage[] = [];
  const open = () => {
    const storage = new PgStorage({ connectionString: DATABASE_URL, schema: ns.schema });
    opened.push(storage);
    return new PgLinkStore(storage.pool, () => storage.init());
  };

  beforeAll(() => {
    ns = newNamespace();
  });
  afterAll(async () => {
    for (const storage of opened) await storage.close();
    await ns?.drop();
  });

  it('keeps the register’s contract', async () => {
    await linkStoreContract(open());
  });

  it('shows a revocation made through one instance to another at once', async () => {
    const [one, two] = [open(), open()];
    const at = TEST_NOW.getTime();
    await one.record({ id: 'link-shared-0000001', org: 'bayside', kind: 'invoice', doc: 'i7', mintedBy: 'u-ann', mintedByName: 'Ann Lee', mintedAtMs: at, expiresAtMs: at + 86_400_000 });
    expect((await two.get('link-shared-0000001'))!.revokedAtMs).toBeNull();
    expect(await two.revokeDocument('bayside', 'invoice', 'i7', { id: 'u-ben', name: 'Ben Ortiz' }, at + 1)).toBe(1);
    expect(await one.get('link-shared-0000001')).toMatchObject({ revokedAtMs: at + 1, revokedBy: 'u-ben', revokedByName: 'Ben Ortiz' });
  });
});
