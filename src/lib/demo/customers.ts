/**
 * Customers, sites and their equipment. Food-facility permits become commercial customers
 * (one per applicant, a site per permit address); 311 addresses become homeowners (one per
 * door, so repeat requests make repeat customers); housing-authority requests go to three
 * invented property managers. Ids come from stable keys, never from the clock.
 */
import type { Asset, Customer, GeoPoint, Site } from '../domain/directory/directory';
import { baselineKinds, makeAsset, type AssetKind } from './assets';
import type { DemoPermit, DemoRequest } from './dataset';
import { contact, personName, phone } from './people';
import { addressKey, distance2, formatAddress } from './places';
import { DAY } from './calendar';
import { Random, hashString, seededUuid } from './prng';

export interface DemoSite {
  key: string;
  site: Site;
  customer: Customer;
  commercial: boolean;
  location: GeoPoint;
}

const ACCESS_NOTES = [
  '',
  '',
  'Call on arrival; dog in the back yard.',
  'Gate code given by dispatcher on the day.',
  'Park in the loading zone, check in at the front counter.',
  'Tenant must be present; key with building manager.',
  'Equipment in basement, entry through side door.',
  'Street parking only, allow time.'
] as const;

const PROPERTY_MANAGERS = ['Golden Gate Property Management', 'Bayline Housing Partners', 'Twin Peaks Residential Services'] as const;

/** Equipment a job names but a site of this kind would not have. */
function siteKind(kind: AssetKind, commercial: boolean): AssetKind {
  if (commercial && (kind === 'furnace' || kind === 'ac-condenser' || kind === 'heat-pump')) return 'rooftop-unit';
  return kind;
}

/**
 * A name as a person would type it: the dataset has leading punctuation left over from
 * "dba." / "dba:" and runs of spaces, so strip leading and trailing punctuation other than
 * a closing bracket, quote or period, and collapse whitespace.
 */
export function cleanName(raw: string): string {
  return raw
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(/[\s,;:\-–—&/]+$/u, '')
    .trim();
}

/**
 * "Datam SF LLC dba Anzu To You" → "Anzu To You": customers know the trading name. Handles
 * "dba.", "dba:" and "DBA" variants; falls back to the cleaned applicant when the trading
 * part is empty after cleaning.
 */
export function tradingName(applicant: string): string {
  const dba = /\bdba\b\.?\s*:?\s*(.+)$/i.exec(applicant);
  const name = cleanName(dba?.[1] ?? '') || cleanName(applicant);
  return name.slice(0, 200).trim() || applicant.trim();
}

export class CustomerBook {
  readonly #seed: number;
  readonly #now: number;
  readonly #customers = new Map<string, Customer>();
  readonly #sites = new Map<string, DemoSite>();
  readonly #assets = new Map<string, Asset>();
  readonly #commercial: DemoSite[] = [];

  constructor(seed: number, now: Date, permits: readonly DemoPermit[]) {
    this.#seed = seed;
    this.#now = now.getTime();
    const siteCount = new Map<string, number>();
    for (const permit of permits) {
      const customerKey = `com:${permit.applicant.toLowerCase()}`;
      const customer = this.#customer(customerKey, tradingName(permit.applicant), (r) => ({
        contacts: [contact(r, personName(r)), { name: 'Accounts payable', phone: '', email: `ap+${hashString(customerKey) % 1000}@example.com` }],
        notes: `Mobile food vendor (${permit.facilityType || 'truck'}). Menu: ${permit.items || 'n/a'}.`,
        tags: ['commercial', 'food-service']
      }));
      const n = (siteCount.get(customerKey) ?? 0) + 1;
      siteCount.set(customerKey, n);
      const label = n === 1 ? 'Main kitchen' : `Location ${n}`;
      const site = this.#site(`${customerKey}|${addressKey(permit.address)}`, customer, label, permit.address, { lat: permit.lat, lng: permit.lng }, true);
      if (!this.#commercial.includes(site)) this.#commercial.push(site);
    }
  }

  /** A commercial site near the point (one of the three nearest, chosen by `random`). */
  commercialNear(point: GeoPoint, random: Random): DemoSite {
    const nearest = [...this.#commercial].sort((a, b) => distance2(point, a.location) - distance2(point, b.location)).slice(0, 3);
    return random.pick(nearest);
  }

  /** The homeowner at the request's address (created on first use). */
  residential(request: DemoRequest): DemoSite {
    const key = `res:${addressKey(request.address)}`;
    const existing = this.#sites.get(key);
    if (existing) return existing;
    const customer = this.#customer(key, '', (r) => {
      const name = personName(r);
      return { name, contacts: [contact(r, name)], notes: '', tags: r.chance(0.25) ? ['residential', 'service-plan'] : ['residential'] };
    });
    return this.#site(key, customer, 'Home', request.address, { lat: request.lat, lng: request.lng }, false);
  }

  /** A managed housing block at the request's address, run by one of the property managers. */
  managed(request: DemoRequest): DemoSite {
    const key = `managed:${addressKey(request.address)}`;
    const existing = this.#sites.get(key);
    if (existing) return existing;
    const manager = PROPERTY_MANAGERS[hashString(key) % PROPERTY_MANAGERS.length]!;
    const customer = this.#customer(`pm:${manager}`, manager, (r) => ({
      contacts: [{ name: 'Maintenance desk', phone: phone(r), email: `maintenance@${manager.split(' ')[0]!.toLowerCase()}.example.com` }, contact(r, personName(r))],
      notes: 'Property management contract: bill monthly, PO number required on every invoice.',
      tags: ['commercial', 'property-management', 'contract']
    }));
    return this.#site(key, customer, 'Apartment building', request.address, { lat: request.lat, lng: request.lng }, false);
  }

  /** The site's asset of this kind, added when a job needs it. */
  assetFor(site: DemoSite, wanted: AssetKind): Asset {
    let kind = siteKind(wanted, site.commercial);
    // A home heated by a heat pump has no furnace to fix.
    if (kind === 'furnace' && this.#assets.has(`${site.key}|heat-pump`)) kind = 'heat-pump';
    return this.#asset(site, kind);
  }

  customers(): Customer[] {
    return [...this.#customers.values()];
  }
  sites(): Site[] {
    return [...this.#sites.values()].map((s) => s.site);
  }
  assets(): Asset[] {
    return [...this.#assets.values()];
  }

  #customer(key: string, name: string, details: (r: Random) => Partial<Customer> & Pick<Customer, 'contacts' | 'notes' | 'tags'>): Customer {
    const existing = this.#customers.get(key);
    if (existing) return existing;
    const random = new Random(hashString(`${this.#seed}|customer|${key}`));
    const extra = details(random);
    const customer: Customer = {
      id: seededUuid(this.#seed, `customer:${key}`),
      name: extra.name ?? name,
      contacts: extra.contacts,
      notes: extra.notes,
      tags: extra.tags,
      // Every demo customer predates the 90 days of job history.
      createdAt: new Date(this.#now - random.int(95, 2200) * DAY).toISOString()
    };
    this.#customers.set(key, customer);
    return customer;
  }

  #site(key: string, customer: Customer, label: string, address: string, location: GeoPoint, commercial: boolean): DemoSite {
    const existing = this.#sites.get(key);
    if (existing) return existing;
    const random = new Random(hashString(`${this.#seed}|site|${key}`));
    const site: DemoSite = {
      key,
      customer,
      commercial,
      location,
      site: { id: seededUuid(this.#seed, `site:${key}`), customerId: customer.id, label, address: formatAddress(address), location, accessNotes: random.pick(ACCESS_NOTES) }
    };
    this.#sites.set(key, site);
    for (const kind of baselineKinds(random, commercial)) this.#asset(site, kind);
    return site;
  }

  #asset(site: DemoSite, kind: AssetKind): Asset {
    const key = `${site.key}|${kind}`;
    let asset = this.#assets.get(key);
    if (!asset) {
      asset = makeAsset(this.#seed, site.key, site.site.id, kind, new Date(this.#now));
      this.#assets.set(key, asset);
    }
    return asset;
  }
}
