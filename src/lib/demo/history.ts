/**
 * The last 90 days of finished work: each job booked into a technician's calendar, visited,
 * completed, then invoiced, paid and closed as far as the clock has got. Lead times follow
 * the 311 case's real Opened → Closed time, compressed to contractor scale.
 */
import { DAY, HOUR, MINUTE } from './calendar';
import { bookEarliest, dispatchTime, finishJob, officeHours, intakeActor, intakeTime, makeRecord, techActor, type BuildContext, type BuiltJob } from './context';
import { linkCallback, type JobDraft } from './job-drafts';
import { Steps } from './lifecycle';
import { feedback, finishedOutcome, resolutionNote } from './outcomes';
import type { Random } from './prng';
import type { JobType } from '../domain/jobs/job';

export const HISTORY_DAYS = 90;

/** Hours from the call to the visit: [shortest, longest]. */
const LEAD_HOURS: Record<JobType, readonly [number, number]> = {
  emergency: [0.5, 1.5],
  repair: [4, 72],
  install: [48, 336],
  maintenance: [24, 240],
  inspection: [24, 168],
  callback: [4, 48]
};

/** A city case closed in 2 days becomes a next-day visit; one closed in a month, about a week. */
export function leadHours(draft: JobDraft, random: Random): number {
  const [min, max] = LEAD_HOURS[draft.type];
  if (draft.type === 'emergency') return random.between(min, max);
  const fromCase = 3 * Math.sqrt(draft.request.hours ?? 48);
  return Math.min(max, Math.max(min, fromCase)) * random.between(0.8, 1.2);
}

/** Finished jobs from the drafts; a draft that cannot be placed before now is left out. */
export function buildHistory(ctx: BuildContext, drafts: readonly JobDraft[]): BuiltJob[] {
  const placement = ctx.random.fork('history-days');
  const placed = drafts
    // A tenth from the last three days, so some finished work is still waiting for its invoice.
    .map((draft) => ({ draft, created: intakeTime(ctx, draft, placement.chance(0.1) ? placement.int(2, 4) : placement.int(2, HISTORY_DAYS - 1)) }))
    .sort((a, b) => a.created - b.created || (a.draft.key < b.draft.key ? -1 : 1));
  const built: BuiltJob[] = [];
  for (const { draft: raw, created } of placed) {
    const random = ctx.random.fork(raw.key);
    let draft = raw;
    if (draft.type === 'callback') {
      const earlier = built.filter((b) => b.completedAt !== null && b.draft.type !== 'callback' && b.completedAt < created - DAY && b.completedAt > created - 30 * DAY);
      if (!earlier.length) continue;
      const original = random.pick(earlier);
      draft = linkCallback(draft, { id: original.record.id, draft: original.draft });
    }
    // A call too recent to fit a visit before now is moved a few days back.
    const job = finishedJob(ctx, draft, created, random) ?? finishedJob(ctx, draft, created - 4 * DAY, random);
    if (job) built.push(job);
  }
  return built;
}

function finishedJob(ctx: BuildContext, draft: JobDraft, created: number, random: Random): BuiltJob | null {
  const emergency = draft.type === 'emergency';
  // Leave the last three hours free: technicians are on today's live jobs then.
  const latestEnd = ctx.now - 3 * HOUR;
  const room = latestEnd - created - draft.estimatedMinutes * MINUTE;
  const lead = Math.min(leadHours(draft, random) * HOUR, room * 0.8);
  const booking = bookEarliest(ctx, draft, created + lead, { onCall: emergency, maxDays: 7, latestEnd });
  if (!booking) return null;
  const { tech, start } = booking;
  const creator = intakeActor(ctx, draft, random);
  const dispatcher = random.pick(ctx.dispatchers);
  const steps = new Steps();
  steps.add('new', created, creator);
  if (!emergency) steps.add('scheduled', created + random.int(5, 90) * MINUTE, dispatcher);

  // A few customers cancel before the visit.
  if (!emergency && random.chance(0.03)) {
    steps.add('cancelled', created + (start - created) * random.between(0.3, 0.9), dispatcher);
    const record = makeRecord(ctx, draft, created, creator, { assignedTechIds: [tech.record.id], scheduledStart: iso(start), scheduledEnd: iso(start + draft.estimatedMinutes * MINUTE) });
    return finishJob(ctx, draft, record, steps, null);
  }

  // Emergencies go straight out; other visits are dispatched the morning of the day.
  const visit = (at: number, first: boolean) => {
    steps.add('dispatched', emergency && first ? created + random.int(5, 15) * MINUTE : dispatchTime(ctx, at), dispatcher);
    steps.add('en_route', at - tech.travelMinutes * MINUTE, techActor(tech));
    steps.add('on_site', at, techActor(tech));
  };
  visit(start, true);
  let windowStart = start;
  let end = start + Math.round(draft.estimatedMinutes * random.between(0.7, 1.3)) * MINUTE;

  // Some repairs need parts: on hold after the first visit, back another day to finish.
  let needsParts = false;
  if ((draft.type === 'repair' || draft.type === 'emergency') && random.chance(0.1)) {
    const second = ctx.calendar.findSlot(tech.record, start + DAY, draft.estimatedMinutes, { maxDays: 5 });
    if (second !== null && second + draft.estimatedMinutes * MINUTE <= latestEnd) {
      ctx.calendar.book(tech.record.id, second, second + draft.estimatedMinutes * MINUTE);
      steps.add('on_hold', start + random.int(30, 60) * MINUTE, techActor(tech));
      visit(second, false);
      windowStart = second;
      end = second + Math.round(draft.estimatedMinutes * random.between(0.7, 1.2)) * MINUTE;
      needsParts = true;
    }
  }
  const completedAt = steps.add('completed', end, techActor(tech));
  const outcome = needsParts ? 'fixed' : finishedOutcome(draft.type, random);

  // Callbacks and work under the maker's warranty are not billed.
  const underWarranty = draft.asset?.warrantyEnd ? draft.asset.warrantyEnd > iso(completedAt).slice(0, 10) : false;
  if (draft.type === 'callback' || (underWarranty && random.chance(0.5))) {
    steps.add('closed', officeHours(ctx, completedAt + random.int(2, 48) * HOUR), ctx.accounts);
  } else {
    // Most invoices go out the same or next day; some wait on paperwork.
    const invoiceDelay = random.weighted<number>([
      [random.int(1, 24) * HOUR, 50],
      [random.int(1, 5) * DAY, 35],
      [random.int(6, 12) * DAY, 15]
    ]);
    const invoiced = steps.add('invoiced', officeHours(ctx, completedAt + invoiceDelay), ctx.accounts);
    const contract = draft.site.customer.tags.includes('contract');
    const days = contract ? random.int(20, 45) : random.chance(0.55) ? random.int(0, 3) : random.int(7, 35);
    const paid = steps.add('paid', officeHours(ctx, invoiced + days * DAY + random.int(0, 8) * HOUR), ctx.accounts);
    if (random.chance(0.85)) steps.add('closed', officeHours(ctx, paid + random.int(1, 48) * HOUR), ctx.accounts);
  }
  const record = makeRecord(ctx, draft, created, creator, {
    assignedTechIds: [tech.record.id],
    scheduledStart: iso(windowStart),
    scheduledEnd: iso(windowStart + draft.estimatedMinutes * MINUTE),
    outcome,
    resolution: resolutionNote(draft.trade, draft.type, outcome, random),
    feedbackRating: feedback(random)
  });
  return finishJob(ctx, draft, record, steps, completedAt);
}

const iso = (ms: number) => new Date(ms).toISOString();
