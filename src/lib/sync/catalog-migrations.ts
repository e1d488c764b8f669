/**
 * The `catalog` doc's migrations (the price book lives there). Append only: never edit a
 * shipped migration. Seed data is never written by a migration: two offline devices would both
 * create it and the relay would refuse the second as a replacement (built-in terms are
 * constants in domain/catalog instead).
 */
import { META, type Migration } from './migrations';

export const CATALOG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'catalog-meta',
    up(doc) {
      const meta = doc.getMap(META);
      if (!meta.has('kind')) meta.set('kind', 'catalog');
    }
  }
];
