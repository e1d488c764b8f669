/**
 * The `board` doc's migrations, oldest first. Append only: never edit a shipped migration.
 */
import * as Y from 'yjs';
import { mergeFieldsFromLegacy } from '../domain/jobs/job';
import { SET_KEY_SEPARATOR } from './collection';
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
  },
  {
    version: 3,
    name: 'job-window-and-assignment-set',
    // The window as one value and assignments as a flag set (sync README), filled from the
    // legacy fields where a job has none yet. Idempotent, and two clients migrating the same
    // job offline write the same values. A broken legacy pair gets no window: readers repair
    // and flag it until a dispatcher sets a real one.
    up(doc) {
      for (const entity of doc.getMap('jobs').values()) {
        if (!(entity instanceof Y.Map)) continue;
        const fields = mergeFieldsFromLegacy({ assignedTechIds: entity.get('assignedTechIds'), scheduledStart: entity.get('scheduledStart'), scheduledEnd: entity.get('scheduledEnd') });
        if (fields.window && !entity.has('window')) entity.set('window', fields.window);
        const prefix = `assigned${SET_KEY_SEPARATOR}`;
        if (fields.assigned && ![...entity.keys()].some((key) => key.startsWith(prefix))) {
          for (const id of Object.keys(fields.assigned)) entity.set(prefix + id, true);
        }
      }
    }
  }
];

export const BOARD_SCHEMA_VERSION = BOARD_MIGRATIONS.at(-1)!.version;
