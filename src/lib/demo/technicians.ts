/**
 * Technicians from San Francisco fire units. A unit's battalion picks its branch (nearest
 * office), its station area is its home base, its type its trade (engines fight heat: HVAC;
 * ladder trucks work at height: electrical; medics answer fastest: plumbing; rescue squads and
 * chiefs: general and lead), its call times its shift, and its response delay how fast it
 * gets to a job.
 */
import type { Technician, WorkingHours } from '../domain/directory/directory';
import type { DemoUnit } from './dataset';
import { OFFICE_PLANS, nearestOffice, officeId, type OfficePlan } from './places';
import { TECH_COLOURS, slug } from './people';
import { seededUuid, type Random } from './prng';
import type { Trade } from './trade-rules';

export const TECHNICIAN_COUNT = 25;

type Crew = 'hvac' | 'plumbing' | 'electrical' | 'general' | 'lead';

const CREW_OF_TYPE: Record<string, Crew> = {
  ENGINE: 'hvac',
  MEDIC: 'plumbing',
  PRIVATE: 'plumbing',
  TRUCK: 'electrical',
  'RESCUE SQUAD': 'general',
  'RESCUE CAPTAIN': 'general',
  SUPPORT: 'general',
  CHIEF: 'lead',
  INVESTIGATION: 'lead'
};

/** Each branch gets this mix; it roughly follows the job mix (HVAC and plumbing busiest). */
const BRANCH_CREWS: readonly Crew[] = ['hvac', 'plumbing', 'electrical', 'hvac', 'plumbing', 'general'];

const SKILL_SETS: Record<Crew, ReadonlyArray<readonly string[]>> = {
  hvac: [['hvac', 'refrigeration'], ['hvac', 'gas', 'boilers'], ['hvac', 'gas']],
  plumbing: [['plumbing', 'drain-cleaning'], ['plumbing', 'water-heaters', 'gas'], ['plumbing', 'drain-cleaning', 'backflow']],
  electrical: [['electrical', 'panel-upgrades', 'lighting'], ['electrical', 'ev-chargers', 'lighting']],
  general: [['general', 'carpentry', 'plumbing'], ['general', 'carpentry']],
  lead: [['hvac', 'plumbing', 'electrical', 'general', 'inspection']]
};

export interface DemoTechnician {
  record: Technician;
  /** Typical drive to a job, from the unit's response delay. */
  travelMinutes: number;
}

/** Which trades a technician can take, from their skills. */
export function techTrades(tech: Technician): Trade[] {
  return (['hvac', 'plumbing', 'electrical', 'general'] as const).filter((t) => tech.skills.includes(t));
}

function shift(unit: DemoUnit): WorkingHours {
  // The unit's median "available again" hour splits crews into early, day and late shifts.
  const [from, to] = unit.busyHour <= 12 ? (['07:00', '15:30'] as const) : unit.busyHour >= 15 ? (['10:00', '19:00'] as const) : (['08:00', '17:00'] as const);
  const hours: WorkingHours = { mon: [from, to], tue: [from, to], wed: [from, to], thu: [from, to], fri: [from, to] };
  if (unit.weekendShare > 0.33) hours.sat = ['08:00', '14:00'];
  return hours;
}

function crewOf(unit: DemoUnit): Crew {
  return CREW_OF_TYPE[unit.type] ?? 'general';
}

/** Picks units branch by branch (busiest first) to fill each branch's crew mix. */
function pickUnits(units: readonly DemoUnit[], count: number): Array<{ unit: DemoUnit; office: OfficePlan; crew: Crew }> {
  const battalionHome = new Map<string, { lat: number; lng: number }>();
  for (const b of new Set(units.map((u) => u.battalion))) {
    const members = units.filter((u) => u.battalion === b);
    battalionHome.set(b, { lat: avg(members.map((u) => u.home.lat)), lng: avg(members.map((u) => u.home.lng)) });
  }
  const officeOf = (u: DemoUnit) => nearestOffice(battalionHome.get(u.battalion)!);
  const byCalls = [...units].sort((a, b) => b.calls - a.calls || (a.id < b.id ? -1 : 1));
  const taken = new Set<string>();
  const out: Array<{ unit: DemoUnit; office: OfficePlan; crew: Crew }> = [];
  const take = (unit: DemoUnit, office: OfficePlan, crew: Crew) => {
    taken.add(unit.id);
    out.push({ unit, office, crew });
  };
  // Round-robin over branches so every branch has each trade before any gets a seventh tech.
  for (let round = 0; out.length < count && round < count; round++) {
    const wanted = BRANCH_CREWS[round % BRANCH_CREWS.length]!;
    for (const office of OFFICE_PLANS) {
      if (out.length >= count) break;
      const local = byCalls.filter((u) => !taken.has(u.id) && officeOf(u).key === office.key);
      const unit = local.find((u) => crewOf(u) === wanted) ?? byCalls.find((u) => !taken.has(u.id) && crewOf(u) === wanted) ?? local[0];
      if (unit) take(unit, office, wanted);
    }
    // One lead technician for the whole company, from the busiest chief's branch.
    if (round === BRANCH_CREWS.length - 1 && out.length < count) {
      const chief = byCalls.find((u) => !taken.has(u.id) && crewOf(u) === 'lead');
      if (chief) take(chief, officeOf(chief), 'lead');
    }
  }
  return out;
}

const avg = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/** Up to TECHNICIAN_COUNT technicians; `names` must hold at least that many distinct names. */
export function buildTechnicians(units: readonly DemoUnit[], seed: number, random: Random, names: readonly string[]): DemoTechnician[] {
  const picked = pickUnits(units, Math.min(TECHNICIAN_COUNT, names.length));
  return picked.map(({ unit, office, crew }, i) => ({
    record: {
      id: seededUuid(seed, `technician:${unit.id}`),
      name: names[i]!,
      // A technician token with this `sub` signs in as this technician.
      userId: `demo-tech-${slug(unit.id)}`,
      officeId: officeId(seed, office.key),
      skills: [...random.pick(SKILL_SETS[crew])],
      homeBase: { label: `${unit.home.neighborhood || office.name} yard (station ${unit.station})`, location: { lat: unit.home.lat, lng: unit.home.lng } },
      workingHours: shift(unit),
      color: TECH_COLOURS[i % TECH_COLOURS.length]!,
      active: true
    },
    // Fire response minutes scaled to a van crossing town: median 2.8 min → about 20 min.
    travelMinutes: Math.round(Math.min(45, Math.max(10, unit.delayMinutes * 7)))
  }));
}
