/**
 * A job before it is placed in time: what, where, which trade and how long. Built from one
 * 311 request and its class (trade-rules.ts); the history and open-board builders then give
 * it dates, a technician and a status history.
 */
import type { Asset } from '../domain/directory/directory';
import type { IntakeChannel, JobPriority, JobType } from '../domain/jobs/job';
import type { AssetKind } from './assets';
import type { CustomerBook, DemoSite } from './customers';
import type { DemoRequest } from './dataset';
import { nearestOffice } from './places';
import type { Random } from './prng';
import type { RequestClass, Trade } from './trade-rules';

export interface JobDraft {
  key: string;
  request: DemoRequest;
  trade: Trade;
  type: JobType;
  priority: JobPriority;
  problem: string;
  site: DemoSite;
  officeKey: string;
  asset: Asset | null;
  channel: IntakeChannel;
  requiredSkills: string[];
  estimatedMinutes: number;
  /** Set for callbacks once linked to the job they call back. */
  callbackOf: string | null;
}

/** Equipment homes do not have: problems about it go to commercial sites only. */
const COMMERCIAL_ONLY: ReadonlySet<AssetKind> = new Set(['rooftop-unit', 'walk-in-cooler', 'grease-trap']);

/** 311 `Source` → how the customer reached the contractor. */
export function intakeChannel(source: string): IntakeChannel {
  if (/voice|phone/i.test(source)) return 'phone';
  if (/e-?mail|mail in/i.test(source)) return 'email';
  if (/integrated agency|other department/i.test(source)) return 'contract';
  if (/open311|web|twitter/i.test(source)) return 'web';
  return 'phone';
}

const MINUTES: Record<JobType, readonly [number, number]> = {
  emergency: [90, 180],
  repair: [60, 150],
  install: [300, 480],
  maintenance: [60, 120],
  inspection: [45, 90],
  callback: [45, 90]
};

export function estimateMinutes(type: JobType, random: Random): number {
  const [min, max] = MINUTES[type];
  return Math.round(random.int(min, max) / 15) * 15;
}

/** A draft for a request; callbacks get a placeholder trade until `linkCallback`. */
export function draftJob(request: DemoRequest, cls: RequestClass, book: CustomerBook, random: Random): JobDraft {
  const venue = cls.venue === 'any' ? (random.chance(0.3) ? 'commercial' : 'residential') : cls.venue;
  const site = venue === 'commercial' ? book.commercialNear(request, random) : venue === 'managed' ? book.managed(request) : book.residential(request);
  const trade: Trade = cls.trade === 'callback' ? 'general' : cls.trade;
  const onPlan = site.customer.tags.includes('service-plan') || site.customer.tags.includes('contract');
  const fitting = site.commercial ? cls.problems : cls.problems.filter((p) => typeof p === 'string' || !COMMERCIAL_ONLY.has(p[1]));
  const problem = random.pick(fitting.length ? fitting : cls.problems);
  const [text, assetKind] = typeof problem === 'string' ? [problem, cls.asset] : problem;
  return {
    key: `job:${request.id}`,
    request,
    trade,
    type: cls.type,
    priority: cls.priority,
    problem: text,
    site,
    officeKey: nearestOffice(site.location).key,
    asset: assetKind ? book.assetFor(site, assetKind) : null,
    channel: onPlan && (cls.type === 'maintenance' || venue === 'managed') ? 'contract' : intakeChannel(request.source),
    requiredSkills: [trade, ...cls.skills],
    estimatedMinutes: estimateMinutes(cls.type, random),
    callbackOf: null
  };
}

/** Makes a callback draft about an earlier job: same site, trade, equipment and skills. */
export function linkCallback(draft: JobDraft, original: { id: string; draft: JobDraft }): JobDraft {
  return {
    ...draft,
    trade: original.draft.trade,
    site: original.draft.site,
    officeKey: original.draft.officeKey,
    asset: original.draft.asset,
    requiredSkills: original.draft.requiredSkills,
    problem: `${draft.problem}: ${original.draft.problem.charAt(0).toLowerCase()}${original.draft.problem.slice(1)}`.slice(0, 4000),
    callbackOf: original.id
  };
}

/** Hours until the SLA is due, by priority; installs are booked projects without one. */
export function slaHours(type: JobType, priority: JobPriority): number | null {
  if (type === 'install') return null;
  return { urgent: 4, high: 24, normal: 72, low: 168 }[priority];
}
