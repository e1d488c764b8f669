/**
 * How a San Francisco 311 request becomes a contractor's job: trade, job type, priority,
 * problem wording, skills and the equipment involved. The city's categories are read for what
 * a building owner would call a contractor about (a sewage back-up is a plumbing emergency, a
 * flickering streetlight is an electrical repair, a "cleaning" request is a maintenance visit).
 * Requests with no trade meaning (abandoned cars, Muni feedback, parking signs) return null and
 * are left out of the demo. Documented in ./README.md.
 */
import type { JobPriority, JobType } from '../domain/jobs/job';
import type { AssetKind } from './assets';
import type { DemoRequest } from './dataset';

export const TRADES = ['hvac', 'plumbing', 'electrical', 'general'] as const;
export type Trade = (typeof TRADES)[number];

/** A problem description, or one with the equipment it concerns (overrides the class's `asset`). */
export type Problem = string | readonly [text: string, asset: AssetKind];

/** Where the job happens: a food business, a home, a managed housing block, or either. */
export type Venue = 'commercial' | 'residential' | 'managed' | 'any';

export interface RequestClass {
  /** `callback` jobs take their trade from the job they call back. */
  trade: Trade | 'callback';
  type: JobType;
  priority: JobPriority;
  /** Alternative wordings, some naming the equipment involved; the builder picks one. */
  problems: readonly Problem[];
  /** Skills beyond the trade itself (technicians' skills use the same words). */
  skills: readonly string[];
  asset: AssetKind | null;
  venue: Venue;
}

type Rule = { category: RegExp; type?: RegExp; details?: RegExp; as: RequestClass | ((r: DemoRequest) => RequestClass) };

const job = (trade: Trade | 'callback', type: JobType, priority: JobPriority, problems: readonly Problem[], extra: Partial<Pick<RequestClass, 'skills' | 'asset' | 'venue'>> = {}): RequestClass => ({
  trade,
  type,
  priority,
  problems,
  skills: extra.skills ?? [],
  asset: extra.asset ?? null,
  venue: extra.venue ?? 'any'
});

const HVAC_NO_COMFORT: readonly Problem[] = [
  ['No heat: furnace runs but blows cold air', 'furnace'],
  ['AC running but not cooling, check charge and capacitor', 'ac-condenser'],
  ['Thermostat blank, system will not start', 'furnace'],
  ['Furnace short-cycling every few minutes', 'furnace'],
  ['Condensate line clogged, water dripping from air handler', 'furnace'],
  ['Heat pump iced over, stuck in defrost', 'heat-pump']
];

/** SFHA requests name the trade in `details` and the urgency in `type`. */
function housingRequest(r: DemoRequest): RequestClass {
  const urgency = /Emergency/i.test(r.type) ? 'emergency' : /Urgent/i.test(r.type) ? 'urgent' : /Preventive/i.test(r.type) ? 'preventive' : 'routine';
  const [type, priority]: [JobType, JobPriority] =
    urgency === 'emergency' ? ['emergency', 'urgent'] : urgency === 'urgent' ? ['repair', 'high'] : urgency === 'preventive' ? ['maintenance', 'low'] : ['repair', 'normal'];
  const emergency = type === 'emergency';
  const as = (trade: Trade, urgent: readonly Problem[], routine: readonly Problem[], preventive: readonly Problem[], extra: Partial<Pick<RequestClass, 'skills' | 'asset'>> = {}) =>
    job(trade, type, priority, emergency ? urgent : type === 'maintenance' ? preventive : routine, { ...extra, venue: 'managed' });
  if (/Plumb/i.test(r.details)) {
    return as('plumbing',
      ['Burst pipe in unit, water shut off at riser', 'Toilet overflowing into the unit below', 'No water to the whole building'],
      ['Kitchen sink clogged, will not drain', 'Running toilet in unit bathroom', ['No hot water in unit', 'water-heater'], 'Dripping tub spout, replace cartridge', 'Water under bathroom vanity, find and fix leak'],
      [['Annual water heater flush and anode check, building units', 'water-heater']]);
  }
  if (/Electric/i.test(r.details)) {
    return as('electrical',
      ['Burning smell from outlet, circuit switched off', ['Power out to half the building', 'electrical-panel']],
      ['Outlets dead in bedroom, check GFCI and breaker', ['Breaker trips when microwave runs', 'electrical-panel'], 'Bathroom exhaust fan not working', 'Hallway lights out on two floors'],
      [['Annual panel thermal scan and tightening, common areas', 'electrical-panel']]);
  }
  if (/Steam/i.test(r.details)) {
    return as('hvac',
      ['Boiler lockout, building without heat', 'Steam leak at boiler room piping'],
      ['No heat in unit, radiator cold', 'Steam radiator valve leaking', 'Radiators banging at start-up'],
      ['Pre-winter boiler service and safety checks'],
      { skills: ['boilers'], asset: 'boiler' });
  }
  return as('general',
    ['Front door lock broken, unit not secure', 'Broken ground-floor window, board up'],
    ['Entry door will not latch, adjust closer and strike', 'Cracked window pane in unit, replace glass', 'Kitchen cabinet door hinge broken', 'Loose handrail on stairwell, re-secure'],
    ['Common-area walk-round: doors, closers, handrails']);
}

/** First match wins; order from specific to general. */
const RULES: readonly Rule[] = [
  { category: /^Sewer Issues$/, type: /back_?up/i, as: job('plumbing', 'emergency', 'urgent', ['Sewage backing up through basement floor drain', 'Toilets and shower backing up, main line blocked', 'Sewage back-up in ground-floor unit, clear main and inspect cleanout'], { skills: ['drain-cleaning'] }) },
  { category: /^Sewer Issues$/, type: /Flood/i, as: job('plumbing', 'emergency', 'urgent', ['Water in basement after heavy rain, sump pump not running', 'Sump pit overflowing, pump hums but does not run'], { asset: 'sump-pump' }) },
  { category: /^Sewer Issues$/, type: /leak/i, as: job('plumbing', 'repair', 'high', ['Water leaking through ceiling below upstairs bathroom', ['Leak at water heater relief valve, water on garage floor', 'water-heater'], 'Hissing behind kitchen wall, check supply line']) },
  { category: /^Sewer Issues$/, type: /Odor/i, as: job('plumbing', 'repair', 'normal', ['Sewer odour at property, inspect drain line and traps', 'Sewer smell in basement, check floor drain trap and vent']) },
  { category: /^Sewer Issues$/, type: /Side_Sewer/i, as: job('plumbing', 'inspection', 'normal', ['Side sewer slow to drain, camera inspection of lateral'], { skills: ['drain-cleaning'] }) },
  { category: /^Sewer Issues$/, as: job('plumbing', 'repair', 'normal', ['Slow drains throughout house, snake main line', 'Gurgling drains after flushing, check vent and main'], { skills: ['drain-cleaning'] }) },
  { category: /^Catch Basin/, as: job('plumbing', 'maintenance', 'normal', ['Clean and jet parking lot catch basin before the rainy season', 'Storm drain in yard clogged, jet and clear'], { skills: ['drain-cleaning'], venue: 'commercial' }) },
  { category: /^Sidewalk or Curb$/, type: /Sewer_Vent/i, as: job('plumbing', 'repair', 'low', ['Missing cleanout cap on side sewer vent, replace']) },
  { category: /^Street Defects$/, type: /Manhole/i, as: job('plumbing', 'repair', 'high', ['Cleanout cover broken in driveway, replace and check line']) },
  { category: /^Litter Receptacles$/, as: job('plumbing', 'maintenance', 'normal', ['Grease trap full, pump out and inspect baffles', 'Grease interceptor overflowing at kitchen, pump out'], { asset: 'grease-trap', venue: 'commercial' }) },
  { category: /^General Requests$/, type: /customer_callback/i, as: job('callback', 'callback', 'high', ['Problem came back after the last visit', 'Customer reports the same fault again', 'Repair did not hold, same symptom as before']) },
  { category: /^General Requests$/, type: /puc - (water|sewer)/i, as: job('plumbing', 'repair', 'normal', ['Low water pressure at all fixtures, check pressure regulator', 'Water bill doubled, look for a hidden leak', ['Annual backflow preventer test due', 'backflow-preventer']]) },
  { category: /^General Requests$/, type: /puc - electric/i, as: job('electrical', 'install', 'normal', [['Install dedicated 240 V circuit for new range', 'electrical-panel'], ['Panel upgrade from 100 A to 200 A for heat pump', 'electrical-panel'], ['Install Level 2 EV charger in garage', 'ev-charger']], { skills: ['panel-upgrades'] }) },
  { category: /^SFHA Requests$/, as: housingRequest },
  { category: /^Streetlights$/, type: /Burnt_Out/i, as: job('electrical', 'repair', 'normal', ['Parking lot pole light out, replace lamp and driver', 'Exterior wall packs out along side of building'], { skills: ['lighting'], venue: 'commercial' }) },
  { category: /^Streetlights$/, type: /Flicker/i, as: job('electrical', 'repair', 'normal', ['Lights flickering throughout kitchen, check neutral at panel', 'Lights dim when AC starts, check service connections'], { asset: 'electrical-panel' }) },
  { category: /^Streetlights$/, type: /On_all_the_time/i, as: job('electrical', 'repair', 'low', ['Exterior lights stay on all day, replace photocell', 'Lighting timer failed, lights never switch off'], { skills: ['lighting'] }) },
  { category: /^Streetlights$/, type: /Wires_Exposed/i, as: job('electrical', 'emergency', 'urgent', ['Exposed live wiring at exterior junction box, make safe', 'Sparking at outdoor outlet, isolate circuit']) },
  { category: /^Streetlights$/, type: /Pole_Damaged/i, as: job('electrical', 'repair', 'high', ['Light pole hit by a car in the lot, make safe and replace'], { skills: ['lighting'], venue: 'commercial' }) },
  { category: /^Streetlights$/, as: job('electrical', 'repair', 'normal', ['Outdoor lighting circuit dead, trace fault'], { skills: ['lighting'] }) },
  { category: /^Damaged Property$/, type: /Parking_Meter/i, as: job('electrical', 'repair', 'normal', ['EV charger faults on start, will not charge', 'EV charger screen dark, check breaker and unit'], { skills: ['ev-chargers'], asset: 'ev-charger' }) },
  { category: /^Damaged Property$/, type: /Traffic_Signal/i, as: job('electrical', 'repair', 'high', ['Half the circuits dead, check main breaker and service', 'Breaker will not reset on kitchen circuit'], { asset: 'electrical-panel' }) },
  { category: /^Sign Repair$/, as: job('electrical', 'repair', 'normal', ['Illuminated storefront sign out, check transformer', 'Exit signs and emergency lights fail monthly test'], { skills: ['lighting'], venue: 'commercial' }) },
  { category: /^Street and Sidewalk Cleaning$/, type: /Hazardous/i, as: job('hvac', 'emergency', 'urgent', ['Gas smell near furnace, shut off and inspect', 'CO alarm sounding, check furnace heat exchanger and flue'], { skills: ['gas'], asset: 'furnace' }) },
  { category: /^Street and Sidewalk Cleaning$/, type: /Bulky/i, details: /Refrigerator/i, as: job('hvac', 'repair', 'high', ['Walk-in cooler not holding temperature, 48°F inside', 'Walk-in cooler compressor tripping on overload'], { skills: ['refrigeration'], asset: 'walk-in-cooler', venue: 'commercial' }) },
  { category: /^Street and Sidewalk Cleaning$/, type: /Bulky/i, as: job('hvac', 'install', 'normal', [['Replace 22-year-old furnace with a high-efficiency unit', 'furnace'], ['Install ductless mini-split in converted garage', 'mini-split'], ['Replace failed AC condenser with a heat pump', 'heat-pump']]) },
  { category: /^Street and Sidewalk Cleaning$/, type: /Overflowing|garbage_can/i, as: job('plumbing', 'maintenance', 'normal', ['Grease trap full, pump out and inspect baffles'], { asset: 'grease-trap', venue: 'commercial' }) },
  { category: /^Street and Sidewalk Cleaning$/, type: /Cleaning|Sweeping/i, as: job('hvac', 'maintenance', 'low', [['Seasonal maintenance: filters, coil clean, refrigerant check', 'furnace'], ['Fall furnace tune-up and safety check', 'furnace'], ['Spring AC tune-up under service plan', 'ac-condenser'], ['Quarterly rooftop unit service: belts, filters, condensate pans', 'rooftop-unit']]) },
  { category: /^Street and Sidewalk Cleaning$/, as: job('hvac', 'repair', 'normal', HVAC_NO_COMFORT) },
  { category: /^Noise Report$/, as: job('hvac', 'repair', 'normal', ['Loud rattling from outdoor condenser fan', 'Blower motor squeals at start-up'], { asset: 'ac-condenser' }) },
  { category: /^Tree Maintenance$/, type: /Damaging_Property/i, as: job('general', 'repair', 'normal', ['Storm-damaged gutter and fascia, repair and re-hang']) },
  { category: /^Tree Maintenance$/, as: job('hvac', 'repair', 'normal', ['Condenser coil packed with leaves and bent fins, clean and comb', 'Branch fell on condenser, fan guard bent'], { asset: 'ac-condenser' }) },
  { category: /^Residential Building Request$/, as: job('general', 'inspection', 'normal', ['Pre-sale inspection: electrical, plumbing and heating', 'Landlord safety inspection before new tenancy']) },
  { category: /^Graffiti/, type: /Post_Abatement/i, as: job('general', 'inspection', 'low', ['Follow-up inspection after exterior repair']) },
  { category: /^Graffiti/, as: job('general', 'repair', 'low', ['Patch and repaint exterior wall', 'Replace damaged fence panel at side yard', 'Repaint weathered entry door and frame']) },
  { category: /^(Street Defects|Sidewalk or Curb)$/, as: job('general', 'repair', 'normal', ['Trip hazard at entry steps, grind and patch concrete', 'Cracked threshold at back door, replace']) },
  { category: /^Rec and Park Requests$/, as: job('general', 'maintenance', 'low', ['Replace worn weatherstripping on doors', 'Annual exterior walk-round: doors, railings, gutters']) },
  { category: /^(Illegal Postings|311 External Request)$/, as: job('general', 'repair', 'low', ['Remove old signage brackets and patch holes', 'Replace broken mailbox and house numbers']) },
  { category: /^Damaged Property$/, as: job('general', 'repair', 'normal', ['Gate latch broken, repair and adjust', 'Replace damaged bollard cover at entrance']) },
  { category: /^General Requests$/, as: job('general', 'repair', 'normal', ['Door closer leaking, replace', 'Install grab bars in bathroom', 'Re-caulk tub and shower surround']) }
];

/** The job a 311 request stands for, or null when the request has no trade meaning. */
export function classifyRequest(request: DemoRequest): RequestClass | null {
  for (const rule of RULES) {
    if (!rule.category.test(request.category)) continue;
    if (rule.type && !rule.type.test(request.type)) continue;
    if (rule.details && !rule.details.test(request.details)) continue;
    return typeof rule.as === 'function' ? rule.as(request) : rule.as;
  }
  return null;
}

/** The trade used to balance the sample (callbacks count as general until linked). */
export function sampleTrade(request: DemoRequest): Trade | null {
  const found = classifyRequest(request);
  if (!found) return null;
  return found.trade === 'callback' ? 'general' : found.trade;
}
