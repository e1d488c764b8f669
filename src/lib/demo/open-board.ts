/**
 * Today's board around `now`: technicians on site or on the way, visits dispatched for later
 * today, jobs scheduled over the coming days, jobs on hold, and new calls nobody has taken
 * yet, including a few unassigned emergencies, some of them past their SLA.
 */
import { DAY, HOUR, MINUTE } from './calendar';
import { bookEarliest, dispatchTime, finishJob, intakeActor, intakeTime, makeRecord, techActor, type BuildContext, type BuiltJob } from './context';
import { linkCallback, slaHours, type JobDraft } from './job-drafts';
import { leadHours } from './history';
import { Steps, type DemoActor } from './lifecycle';
import { officeId } from './places';
import type { Random } from './prng';
import type { DemoTechnician } from './technicians';

/** Share of open jobs per status; what is left over stays `new`. */
const OPEN_MIX = { on_site: 0.11, en_route: 0.06, dispatched: 0.13, on_hold: 0.12, scheduled: 0.33 } as const;
const UNASSIGNED_EMERGENCIES = 5;

const iso = (ms: number) => new Date(ms).toISOString();

class Pool {
  readonly #drafts: JobDraft[];
  constructor(drafts: readonly JobDraft[]) {
    this.#drafts = [...drafts];
  }
  get size(): number {
    return this.#drafts.length;
  }
  take(...preferences: Array<(d: JobDraft) => boolean>): JobDraft | null {
    for (const ok of preferences) {
      const i = this.#drafts.findIndex(ok);
      if (i >= 0) return this.#drafts.splice(i, 1)[0]!;
    }
    return null;
  }
}

export function buildOpenBoard(ctx: BuildContext, drafts: readonly JobDraft[], history: readonly BuiltJob[]): BuiltJob[] {
  const random = ctx.random.fork('open');
  const recent = history.filter((b) => b.completedAt !== null && b.draft.type !== 'callback' && b.completedAt > ctx.now - 21 * DAY);
  const linked = drafts.flatMap((d) => {
    if (d.type !== 'callback') return [d];
    if (!recent.length) return [];
    const original = random.pick(recent);
    return [linkCallback(d, { id: original.record.id, draft: original.draft })];
  });
  const pool = new Pool(linked);
  const total = pool.size;
  const count = (share: number) => Math.round(total * share);
  const out: BuiltJob[] = [];
  const add = (job: BuiltJob | null) => job && out.push(job);

  for (let i = 0; i < UNASSIGNED_EMERGENCIES; i++) {
    const draft = pool.take((d) => d.type === 'emergency');
    // The first has waited past its four-hour SLA; the others came in within the last two hours.
    if (draft) add(newJob(ctx, draft, ctx.now - (i === 0 ? random.int(260, 330) : random.int(8, 110)) * MINUTE, ctx.random.fork(draft.key)));
  }

  const techs = random.shuffle(ctx.techs);
  const onSite = Math.min(count(OPEN_MIX.on_site), techs.length);
  const enRoute = Math.min(count(OPEN_MIX.en_route), techs.length - onSite);
  techs.slice(0, onSite + enRoute).forEach((tech, i) => {
    const fits = (d: JobDraft) => d.type !== 'install' && d.requiredSkills.every((s) => tech.record.skills.includes(s));
    const draft = pool.take((d) => fits(d) && officeId(ctx.seed, d.officeKey) === tech.record.officeId, fits);
    if (draft) add(liveJob(ctx, draft, tech, i < onSite ? 'on_site' : 'en_route', ctx.random.fork(draft.key)));
  });

  for (let i = 0; i < count(OPEN_MIX.dispatched); i++) {
    const draft = pool.take((d) => d.type !== 'install', () => true);
    if (draft) add(dispatchedJob(ctx, draft, ctx.random.fork(draft.key)));
  }
  for (let i = 0; i < count(OPEN_MIX.on_hold); i++) {
    const draft = pool.take((d) => d.type === 'repair' || d.type === 'install' || d.type === 'callback', () => true);
    if (draft) add(onHoldJob(ctx, draft, ctx.random.fork(draft.key)));
  }
  for (let i = 0; i < count(OPEN_MIX.scheduled); i++) {
    const draft = pool.take(() => true);
    if (draft) add(scheduledJob(ctx, draft, ctx.random.fork(draft.key)));
  }
  for (let draft = pool.take(() => true); draft; draft = pool.take(() => true)) {
    const r = ctx.random.fork(draft.key);
    // Most calls are from the last day and a half; a few older ones slipped through the cracks.
    add(newJob(ctx, draft, r.chance(0.85) ? pastIntake(ctx, draft, r, 0, 1) : pastIntake(ctx, draft, r, 2, 4), r));
  }
  return out;
}

/** A time the request could have come in, between `minDays` and `maxDays` ago and at least 20 minutes before now. */
function pastIntake(ctx: BuildContext, draft: JobDraft, random: Random, minDays: number, maxDays: number): number {
  const days = random.int(minDays, maxDays);
  const at = intakeTime(ctx, draft, days);
  return at <= ctx.now - 20 * MINUTE ? at : intakeTime(ctx, draft, days + 1);
}

function start(ctx: BuildContext, draft: JobDraft, created: number, random: Random): { steps: Steps; creator: DemoActor; dispatcher: DemoActor } {
  const steps = new Steps();
  const creator = intakeActor(ctx, draft, random);
  steps.add('new', created, creator);
  return { steps, creator, dispatcher: random.pick(ctx.dispatchers) };
}

function newJob(ctx: BuildContext, draft: JobDraft, created: number, random: Random): BuiltJob {
  const { steps, creator } = start(ctx, draft, created, random);
  return finishJob(ctx, draft, makeRecord(ctx, draft, created, creator, {}), steps, null);
}

function window(draft: JobDraft, tech: DemoTechnician, at: number) {
  return { assignedTechIds: [tech.record.id], scheduledStart: iso(at), scheduledEnd: iso(at + draft.estimatedMinutes * MINUTE) };
}

/** A technician on site now (started up to 2½ hours ago) or driving there (arriving within their travel time). */
function liveJob(ctx: BuildContext, draft: JobDraft, tech: DemoTechnician, status: 'on_site' | 'en_route', random: Random): BuiltJob {
  const step = 5 * MINUTE;
  const at =
    status === 'on_site'
      ? Math.floor((ctx.now - random.int(15, Math.max(20, Math.min(150, draft.estimatedMinutes - 15))) * MINUTE) / step) * step
      : Math.ceil((ctx.now + random.int(5, tech.travelMinutes) * MINUTE) / step) * step;
  ctx.calendar.book(tech.record.id, at, at + draft.estimatedMinutes * MINUTE);
  const emergency = draft.type === 'emergency';
  const created = emergency ? at - random.int(45, 150) * MINUTE : Math.min(pastIntake(ctx, draft, random, 0, 2), at - 3 * HOUR);
  const { steps, creator, dispatcher } = start(ctx, draft, created, random);
  if (!emergency) steps.add('scheduled', created + random.int(5, 60) * MINUTE, dispatcher);
  steps.add('dispatched', emergency ? created + random.int(5, 15) * MINUTE : at - random.int(60, 120) * MINUTE, dispatcher);
  steps.add('en_route', Math.min(at - tech.travelMinutes * MINUTE, ctx.now - MINUTE), techActor(tech));
  if (status === 'on_site') steps.add('on_site', at, techActor(tech));
  return finishJob(ctx, draft, makeRecord(ctx, draft, created, creator, window(draft, tech, at)), steps, null);
}

/** Out to a technician for later today (or the next morning when the day is over). */
function dispatchedJob(ctx: BuildContext, draft: JobDraft, random: Random): BuiltJob | null {
  const booking = bookEarliest(ctx, draft, ctx.now + 45 * MINUTE, { onCall: draft.type === 'emergency', maxDays: 3 });
  if (!booking) return null;
  const created = Math.min(pastIntake(ctx, draft, random, 0, 2), ctx.now - 3 * HOUR);
  const { steps, creator, dispatcher } = start(ctx, draft, created, random);
  steps.add('scheduled', created + random.int(5, 90) * MINUTE, dispatcher);
  steps.add('dispatched', Math.min(ctx.now - random.int(5, 90) * MINUTE, booking.start - HOUR), dispatcher);
  return finishJob(ctx, draft, makeRecord(ctx, draft, created, creator, window(draft, booking.tech, booking.start)), steps, null);
}

/** Waiting for parts after a visit in the last few days, or paused at the customer's request before one. */
function onHoldJob(ctx: BuildContext, draft: JobDraft, random: Random): BuiltJob {
  const visit = random.chance(0.7) ? bookEarliest(ctx, draft, ctx.now - random.int(1, 4) * DAY, { maxDays: 4, latestEnd: ctx.now - HOUR }) : null;
  if (!visit) {
    const created = pastIntake(ctx, draft, random, 1, 6);
    const { steps, creator, dispatcher } = start(ctx, draft, created, random);
    steps.add('scheduled', created + random.int(5, 90) * MINUTE, dispatcher);
    steps.add('on_hold', Math.min(ctx.now - 10 * MINUTE, created + random.int(2, 30) * HOUR), dispatcher);
    return finishJob(ctx, draft, makeRecord(ctx, draft, created, creator, { resolution: 'Customer asked to wait; call back to rebook.' }), steps, null);
  }
  const { tech, start: at } = visit;
  const created = Math.min(pastIntake(ctx, draft, random, 1, 3) - DAY, at - 4 * HOUR);
  const { steps, creator, dispatcher } = start(ctx, draft, created, random);
  steps.add('scheduled', created + random.int(5, 90) * MINUTE, dispatcher);
  steps.add('dispatched', dispatchTime(ctx, at), dispatcher);
  steps.add('en_route', at - tech.travelMinutes * MINUTE, techActor(tech));
  steps.add('on_site', at, techActor(tech));
  steps.add('on_hold', at + random.int(30, 75) * MINUTE, techActor(tech));
  const record = makeRecord(ctx, draft, created, creator, { ...window(draft, tech, at), outcome: 'needs_parts', resolution: 'Diagnosed; part ordered, rebook when it arrives.' });
  return finishJob(ctx, draft, record, steps, null);
}

/** Booked for a visit in the coming days. */
function scheduledJob(ctx: BuildContext, draft: JobDraft, random: Random): BuiltJob | null {
  const created = Math.min(pastIntake(ctx, draft, random, 0, 2), ctx.now - 2 * HOUR);
  // Dispatchers book inside the SLA when they can.
  const sla = slaHours(draft.type, draft.priority);
  const lead = Math.min(leadHours(draft, random), sla === null ? Infinity : sla * 0.6);
  const earliest = Math.max(ctx.now + HOUR, created + lead * HOUR);
  const booking = bookEarliest(ctx, draft, earliest, { onCall: draft.type === 'emergency', maxDays: 10 });
  if (!booking) return newJob(ctx, draft, created, random);
  const { steps, creator, dispatcher } = start(ctx, draft, created, random);
  steps.add('scheduled', Math.min(created + random.int(10, 110) * MINUTE, ctx.now - MINUTE), dispatcher);
  return finishJob(ctx, draft, makeRecord(ctx, draft, created, creator, window(draft, booking.tech, booking.start)), steps, null);
}
