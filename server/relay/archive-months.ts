/**
 * The archive month of a job as the relay reads it from the live board it holds: the closing
 * event's instant in the archive zone (offices' zone, else UTC), by the same domain rules the
 * archivers' plan uses (`archivePlan`, sync README "Archive moves"). The update guard accepts
 * a job's removal only into this month, so every archiver and the relay agree whatever a
 * device's own zone (an older client counting in its device's zone is refused, and resyncs).
 */
import * as Y from 'yjs';
import { archiveMonthOf, archiveTimeZone, closedAt } from '../../src/lib/domain/archive/archive-plan';
import { eventsByJob, jobEventSchema, type JobEvent } from '../../src/lib/domain/jobs/job-events';

/** Job id → its archive month, or null when the relay's history does not leave it closed. */
export function relayArchiveMonths(doc: Y.Doc, jobIds: ReadonlySet<string>): Map<string, string | null> {
  const events: JobEvent[] = [];
  for (const [key, entity] of rawEntities(doc, 'jobEvents')) {
    if (!jobIds.has(entity.get('jobId') as string)) continue;
    const parsed = jobEventSchema.safeParse({ ...entity.toJSON(), id: key });
    if (parsed.success) events.push(parsed.data);
  }
  const offices: Array<{ code: string; timeZone: string }> = [];
  for (const [, office] of rawEntities(doc, 'offices')) {
    const code = office.get('code');
    const timeZone = office.get('timeZone');
    if (typeof code === 'string' && typeof timeZone === 'string') offices.push({ code, timeZone });
  }
  const zone = archiveTimeZone(offices);
  const history = eventsByJob(events);
  const months = new Map<string, string | null>();
  for (const jobId of jobIds) {
    const at = closedAt(history.get(jobId));
    months.set(jobId, at === null ? null : archiveMonthOf(at, zone));
  }
  return months;
}

/** The live entity maps of a top-level collection (a root the relay never typed is read raw). */
function* rawEntities(doc: Y.Doc, collection: string): Generator<[string, Y.Map<unknown>]> {
  const root = doc.share.get(collection) as Y.AbstractType<unknown> | undefined;
  for (const [key, item] of root?._map ?? []) {
    const entity = !item.deleted && item.content instanceof Y.ContentType ? item.content.type : null;
    if (entity instanceof Y.Map) yield [key, entity];
  }
}
