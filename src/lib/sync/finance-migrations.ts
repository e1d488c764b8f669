/**
 * The `finance` doc's migrations (invoices, payments, pay rates, payroll runs live there).
 * Append only: never edit a shipped migration.
 */
import { META, type Migration } from './migrations';

export const FINANCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'finance-meta',
    up(doc) {
      const meta = doc.getMap(META);
      if (!meta.has('kind')) meta.set('kind', 'finance');
    }
  }
];
