/**
 * Equipment at demo sites. There is no public equipment data, so make, model, serial, install
 * date and warranty are drawn from the seeded generator per site and kind: the same site gets
 * the same furnace on every run.
 */
import type { Asset } from '../domain/directory/directory';
import { Random, hashString, seededUuid } from './prng';

export const ASSET_KINDS = [
  'furnace',
  'ac-condenser',
  'heat-pump',
  'mini-split',
  'rooftop-unit',
  'boiler',
  'water-heater',
  'sump-pump',
  'backflow-preventer',
  'grease-trap',
  'walk-in-cooler',
  'electrical-panel',
  'ev-charger'
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

interface Catalogue {
  label: string;
  makes: ReadonlyArray<readonly [make: string, modelPrefix: string]>;
  /** Oldest plausible age in years. */
  maxAge: number;
  /** Manufacturer warranty in years; 0 = none recorded. */
  warrantyYears: number;
}

const CATALOGUE: Record<AssetKind, Catalogue> = {
  furnace: { label: 'Furnace', makes: [['Carrier', '59SC5A'], ['Lennox', 'EL296V'], ['Trane', 'S9V2'], ['Goodman', 'GMVC96']], maxAge: 24, warrantyYears: 10 },
  'ac-condenser': { label: 'AC condenser', makes: [['Carrier', '24ACC6'], ['Trane', 'XR16'], ['Lennox', 'XC21'], ['Rheem', 'RA16']], maxAge: 20, warrantyYears: 10 },
  'heat-pump': { label: 'Heat pump', makes: [['Daikin', 'DZ17VC'], ['Mitsubishi', 'PUZ-A'], ['Carrier', '25VNA8']], maxAge: 12, warrantyYears: 10 },
  'mini-split': { label: 'Ductless mini-split', makes: [['Mitsubishi', 'MSZ-GL'], ['Daikin', 'FTX'], ['Fujitsu', 'ASU']], maxAge: 10, warrantyYears: 7 },
  'rooftop-unit': { label: 'Rooftop unit (RTU)', makes: [['Carrier', '48TC'], ['Trane', 'YSC'], ['Lennox', 'LGH']], maxAge: 22, warrantyYears: 5 },
  boiler: { label: 'Boiler', makes: [['Weil-McLain', 'CGa'], ['Burnham', 'ES2'], ['Navien', 'NCB-']], maxAge: 35, warrantyYears: 10 },
  'water-heater': { label: 'Water heater', makes: [['A.O. Smith', 'GCR-'], ['Bradford White', 'RG2'], ['Rheem', 'XG'], ['Rinnai', 'RU']], maxAge: 15, warrantyYears: 6 },
  'sump-pump': { label: 'Sump pump', makes: [['Zoeller', 'M'], ['Wayne', 'CDU'], ['Liberty', '2']], maxAge: 12, warrantyYears: 3 },
  'backflow-preventer': { label: 'Backflow preventer', makes: [['Watts', '009M'], ['Wilkins', '975XL'], ['Febco', '825Y']], maxAge: 20, warrantyYears: 0 },
  'grease-trap': { label: 'Grease trap', makes: [['Zurn', 'GT2700-'], ['Schier', 'GB-'], ['Watts', 'GI-']], maxAge: 18, warrantyYears: 0 },
  'walk-in-cooler': { label: 'Walk-in cooler', makes: [['Kolpak', 'KF7'], ['Norlake', 'KLB'], ['Master-Bilt', 'MB']], maxAge: 20, warrantyYears: 5 },
  'electrical-panel': { label: 'Electrical panel', makes: [['Square D', 'QO1'], ['Eaton', 'BR'], ['Siemens', 'PN'], ['Federal Pacific', 'Stab-Lok ']], maxAge: 50, warrantyYears: 0 },
  'ev-charger': { label: 'EV charger', makes: [['ChargePoint', 'CPF50-'], ['Wallbox', 'PLP1-'], ['Tesla', 'Wall Connector G']], maxAge: 6, warrantyYears: 3 }
};

/** Typical equipment of a site, before any job adds more. */
export function baselineKinds(random: Random, commercial: boolean): AssetKind[] {
  const kinds: AssetKind[] = commercial ? ['rooftop-unit', 'water-heater'] : [random.chance(0.3) ? 'heat-pump' : 'furnace', 'water-heater'];
  if (commercial && random.chance(0.5)) kinds.push('walk-in-cooler');
  if (random.chance(0.4)) kinds.push('electrical-panel');
  return kinds;
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** One asset of `kind` at the site, fully determined by seed, site key and kind (dates anchor on `now`). */
export function makeAsset(seed: number, siteKey: string, siteId: string, kind: AssetKind, now: Date): Asset {
  const random = new Random(hashString(`${seed}|asset|${siteKey}|${kind}`));
  const info = CATALOGUE[kind];
  const [make, prefix] = random.pick(info.makes);
  const ageDays = random.int(120, info.maxAge * 365);
  const installed = new Date(now.getTime() - ageDays * 86_400_000);
  const installDate = installed.toISOString().slice(0, 10);
  let warrantyEnd: string | null = null;
  if (info.warrantyYears) {
    const end = new Date(installed);
    end.setUTCFullYear(end.getUTCFullYear() + info.warrantyYears);
    warrantyEnd = end.toISOString().slice(0, 10);
  }
  const year = installed.getUTCFullYear();
  return {
    id: seededUuid(seed, `asset:${siteKey}:${kind}`),
    siteId,
    type: info.label,
    make,
    model: `${prefix}${random.chars(DIGITS, 3)}${random.chars(LETTERS, 1)}`,
    // Many makers encode the build year and week in the serial.
    serial: `${random.chars(LETTERS, 2)}${String(year).slice(2)}${String(random.int(1, 52)).padStart(2, '0')}${random.chars(DIGITS, 5)}`,
    installDate,
    warrantyEnd,
    warrantyLabour: false,
    customFields: {},
    status: 'active',
    replacedBy: null
  };
}
