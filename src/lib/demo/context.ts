/**
 * What the history and open-board builders share: the clock, the technicians' calendar, the
 * people who act on jobs, and how a draft becomes a job record.
 */
import type { JobEvent } from '../domain/jobs/job-events';
import type { JobRecord } from '../domain/jobs/job';
import type { JobStatus } from '../domain/jobs/status';
import { Calendar, HOUR, localDayStart, localParts, MINUTE, zonedMs, type SlotOptions } from './calendar';
import { slaHours, type JobDraft } from './job-drafts';
import { eventChain, type DemoActor, type Steps } from './lifecycle';
import { officeId } from './places';
import { seededUuid, type Random } from './prng';
import type { DemoTechnician } from './technicians';

export interface BuildContext {
  seed: number;
  now: number;
  timeZone: string;
  random: Random;
  calendar: Calendar;
  techs: readonly DemoTechnician[];
  dispatchers: readonly DemoActor[];
  /** Web form and e-mail intake. */
  intake: DemoActor;
  /** Invoicing and payments. */
  accounts: DemoActor;
}

export interface BuiltJob {
  draft: JobDraft;
  record: JobRecord;
  events: JobEvent[];
  createdAt: number;
  status: JobStatus;
  /** When the (last) visit finished, for finished jobs. */
  completedAt: number | null;
}

export interface Booking {
  tech: DemoTechnician;
  start: number;
}

export const techActor = (tech: DemoTechnician): DemoActor => ({ id: tech.record.userId ?? tech.record.id, name: tech.record.name });

export function jobId(ctx: BuildContext, draft: JobDraft): string {
  return seededUuid(ctx.seed, draft.key);
}

/** Who logs the job: the desk for phone and contract work, the online form otherwise. */
export function intakeActor(ctx: BuildContext, draft: JobDraft, random: Random): DemoActor {
  return draft.channel === 'web' || draft.channel === 'email' ? ctx.intake : random.pick(ctx.dispatchers);
}

/** Technicians who can take the draft, best first: right skills in the branch, right skills anywhere, the trade anywhere. */
export function candidates(ctx: BuildContext, draft: JobDraft): DemoTechnician[] {
  const office = officeId(ctx.seed, draft.officeKey);
  const hasAll = (t: DemoTechnician) => draft.requiredSkills.every((s) => t.record.skills.includes(s));
  const tiers = [
    ctx.techs.filter((t) => hasAll(t) && t.record.officeId === office),
    ctx.techs.filter((t) => hasAll(t) && t.record.officeId !== office),
    ctx.techs.filter((t) => !hasAll(t) && t.record.skills.includes(draft.trade))
  ];
  return tiers.flat();
}

/** The earliest slot among the first tier of technicians that has one. */
export function bookEarliest(ctx: BuildContext, draft: JobDraft, earliest: number, options: SlotOptions & { latestEnd?: number } = {}): Booking | null {
  const all = candidates(ctx, draft);
  const office = officeId(ctx.seed, draft.officeKey);
  const tiers = [all.filter((t) => t.record.officeId === office), all];
  for (const tier of tiers) {
    let best: Booking | null = null;
    for (const tech of tier) {
      const start = ctx.calendar.findSlot(tech.record, earliest, draft.estimatedMinutes, options);
      if (start === null) continue;
      if (options.latestEnd !== undefined && start + draft.estimatedMinutes * MINUTE > options.latestEnd) continue;
      if (!best || start < best.start) best = { tech, start };
    }
    if (best) {
      ctx.calendar.book(best.tech.record.id, best.start, best.start + draft.estimatedMinutes * MINUTE);
      return best;
    }
  }
  return null;
}

/**
 * The request's wall-clock time of day on the local day `daysAgo` before now. Phone calls
 * about non-urgent work are moved into office hours (the desk is closed at 3 a.m.).
 */
export function intakeTime(ctx: BuildContext, draft: JobDraft, daysAgo: number): number {
  const day = localParts(localDayStart(ctx.now, ctx.timeZone, -daysAgo) + 12 * HOUR, ctx.timeZone);
  let hour = Number(draft.request.opened.slice(11, 13));
  const minute = Number(draft.request.opened.slice(14, 16));
  if (draft.type !== 'emergency' && draft.channel !== 'web' && (hour < 7 || hour >= 18)) hour = 7 + (hour % 11);
  return zonedMs(day.year, day.month, day.day, hour, minute, ctx.timeZone);
}

/** Early visits are dispatched the afternoon before; later ones first thing that morning. */
export function dispatchTime(ctx: BuildContext, visit: number): number {
  const morning = atLocal(ctx, visit, 7, 30);
  return visit - morning < HOUR ? atLocal(ctx, visit - 12 * HOUR, 16, 30) : morning;
}

/** The accounts desk works 08:00–17:00: a time outside that moves to its next opening. */
export function officeHours(ctx: BuildContext, ms: number): number {
  const p = localParts(ms, ctx.timeZone);
  if (p.hour < 8) return zonedMs(p.year, p.month, p.day, 8, p.minute, ctx.timeZone);
  if (p.hour >= 17) return zonedMs(p.year, p.month, p.day + 1, 8, p.minute, ctx.timeZone);
  return ms;
}

/** Local `hh:mm` on the day of `ms`. */
export function atLocal(ctx: BuildContext, ms: number, hour: number, minute = 0): number {
  const p = localParts(ms, ctx.timeZone);
  return zonedMs(p.year, p.month, p.day, hour, minute, ctx.timeZone);
}

export function makeRecord(ctx: BuildContext, draft: JobDraft, createdAt: number, creator: DemoActor, fields: Partial<JobRecord>): JobRecord {
  const sla = slaHours(draft.type, draft.priority);
  return {
    id: jobId(ctx, draft),
    number: '',
    customerName: draft.site.customer.name,
    siteAddress: draft.site.site.address,
    problem: draft.problem,
    type: draft.type,
    priority: draft.priority,
    createdAt: new Date(createdAt).toISOString(),
    createdBy: creator.id,
    updatedAt: new Date(createdAt).toISOString(),
    customerId: draft.site.customer.id,
    siteId: draft.site.site.id,
    assetIds: draft.asset ? [draft.asset.id] : [],
    officeId: officeId(ctx.seed, draft.officeKey),
    requiredSkills: draft.requiredSkills,
    estimatedMinutes: draft.estimatedMinutes,
    slaDue: sla === null ? null : new Date(createdAt + sla * HOUR).toISOString(),
    assignedTechIds: [],
    scheduledStart: null,
    scheduledEnd: null,
    outcome: null,
    resolution: '',
    callbackOf: draft.callbackOf,
    followUpOf: null,
    channel: draft.channel,
    rank: '',
    feedbackRating: null,
    ...fields
  };
}

/** Turns the steps that have happened by `now` into events and the finished job. */
export function finishJob(ctx: BuildContext, draft: JobDraft, record: JobRecord, steps: Steps, completedAt: number | null): BuiltJob {
  const happened = steps.upTo(ctx.now);
  const events = eventChain(ctx.seed, draft.key, record.id, happened);
  const last = happened.at(-1)!;
  return {
    draft,
    record: { ...record, updatedAt: new Date(last.at).toISOString() },
    events,
    createdAt: happened[0]!.at,
    status: last.to,
    completedAt
  };
}
