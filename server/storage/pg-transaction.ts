/** Transactions on a `pg` pool (storage/pg-storage.ts, accounts/pg-account-store.ts). */
import type pg from 'pg';

/** Runs `fn` in one transaction on a pooled client; a client whose transaction failed is discarded. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failed = error instanceof Error ? error : new Error(String(error));
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    // It may have lost its server: never hand it out again.
    client.release(failed);
  }
}
