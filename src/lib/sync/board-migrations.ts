/**
 * The `board` doc's migrations, oldest first. Append only: never edit a shipped migration.
 */
import * as Y from 'yjs';
import { META, type Migration } from './migrations';

export const BOARD_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'board-meta',
    up(doc) {
      const meta = doc.getMap(META);
      if (!meta.has('kind')) meta.set('kind', 'board');
    }
  },
  {
    version: 2,
    name: 'job-site-address-default',
    // Jobs created before the site address field existed get an explicit empty address, so
    // exports and integrations reading the raw doc see the field on every job.
    up(doc) {
      const jobs = doc.getMap('jobs');
      for (const entity of jobs.values()) {
        if (entity instanceof Y.Map && !entity.has('siteAddress')) entity.set('siteAddress', '');
      }
    }
  }
];

export const BOARD_SCHEMA_VERSION = BOARD_MIGRATIONS.at(-1)!.version;
