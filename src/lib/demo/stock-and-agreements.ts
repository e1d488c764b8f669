/**
 * The demo company's parts stock and service agreements (issue 11), so /inventory and
 * /agreements are not empty: a receipt of common parts into every office warehouse, a few
 * trucks stocked from their warehouse, parts used on finished jobs (one truck short: shown
 * negative), reorder points, and agreements for some commercial customers. Pure and
 * deterministic: ids from the seed, times before `now`.
 */
import type { AgreementInput } from '../domain/agreements/agreement';
import { truckId, warehouseId } from '../domain/inventory/locations';
import type { StockMove } from '../domain/inventory/stock-move';
import type { StockSetting } from '../domain/inventory/stock-settings';
import type { DemoCompany } from './company';
import { seededUuid } from './prng';

const PARTS = [
  { key: 'cap-45', sku: 'CAP-45-5', description: 'Run capacitor 45/5 MFD', unit: 'each', cents: 1840, supplier: 'Ferguson HVAC' },
  { key: 'contactor', sku: 'CON-2P-30', description: 'Contactor 2-pole 30 A', unit: 'each', cents: 2275, supplier: 'Ferguson HVAC' },
  { key: 'filter', sku: 'FLT-16251', description: 'Pleated filter 16x25x1 MERV 8', unit: 'each', cents: 690, supplier: 'Johnstone Supply' },
  { key: 'igniter', sku: 'IGN-HSI-41', description: 'Hot surface igniter', unit: 'each', cents: 3150, supplier: 'Johnstone Supply' },
  { key: 'flapper', sku: 'PLB-FLAP-3', description: 'Toilet flapper 3 in', unit: 'each', cents: 540, supplier: 'Pacific Plumbing Supply' },
  { key: 'pex', sku: 'PEX-050-100', description: 'PEX tubing 1/2 in', unit: 'ft', cents: 42, supplier: 'Pacific Plumbing Supply' },
  { key: 'breaker', sku: 'BRK-1P-20', description: 'Breaker 1-pole 20 A', unit: 'each', cents: 1190, supplier: 'Graybar Electric' },
  { key: 'gfci', sku: 'GFCI-20', description: 'GFCI receptacle 20 A', unit: 'each', cents: 1625, supplier: 'Graybar Electric' }
] as const;

export interface DemoStock {
  moves: Array<Omit<StockMove, 'by' | 'byName'>>;
  settings: Array<Omit<StockSetting, 'by' | 'byName'>>;
  agreements: Array<{ id: string; input: AgreementInput }>;
}

const DAY = 86_400_000;

export function buildDemoStock(company: DemoCompany, options: { seed: number; now: Date }): DemoStock {
  const seed = options.seed >>> 0;
  const now = options.now.getTime();
  const iso = (daysAgo: number, minute = 0) => new Date(now - daysAgo * DAY + minute * 60_000).toISOString();
  const part = (p: (typeof PARTS)[number]) => ({ partId: seededUuid(seed, `part:${p.key}`), sku: p.sku, description: p.description, unit: p.unit });
  const moves: DemoStock['moves'] = [];
  const settings: DemoStock['settings'] = [];
  const base = { from: null, to: null, unitCostCents: null, supplier: '', supplierRef: '', reason: '' };
  for (const [o, office] of company.offices.entries()) {
    const wh = warehouseId(office.id);
    for (const [i, p] of PARTS.entries()) {
      const qty = p.unit === 'ft' ? 300 : 12 + ((o + i) % 4) * 6;
      moves.push({ ...base, ...part(p), id: seededUuid(seed, `stock:receive:${office.id}:${p.key}`), kind: 'receive', qty, to: wh, unitCostCents: p.cents + o * 15, supplier: p.supplier, supplierRef: `PO-${4100 + o * 10 + i}`, at: iso(30, o * 10 + i) });
      settings.push({ id: seededUuid(seed, `stock:setting:${office.id}:${p.key}`), locationId: wh, partId: part(p).partId, reorderPoint: p.unit === 'ft' ? 100 : 10, reorderQty: p.unit === 'ft' ? 300 : 24, supplier: '', at: iso(30, 99) });
    }
    // Two trucks per office carry a few of each; one of them used more capacitors than it was given.
    const trucks = company.technicians.filter((t) => t.officeId === office.id && t.active).slice(0, 2);
    for (const [t, tech] of trucks.entries()) {
      for (const [i, p] of PARTS.slice(0, 5).entries()) {
        moves.push({ ...base, ...part(p), id: seededUuid(seed, `stock:load:${tech.id}:${p.key}`), kind: 'transfer', qty: 3, from: wh, to: truckId(tech.id), reason: 'Weekly truck stock', at: iso(20, t * 10 + i) });
      }
      const job = company.jobs.find((j) => j.assignedTechIds.includes(tech.id));
      if (job) moves.push({ ...base, ...part(PARTS[0]), id: seededUuid(seed, `stock:use:${tech.id}`), kind: 'use', qty: t === 0 && o === 0 ? 5 : 2, from: truckId(tech.id), jobId: job.id, at: iso(5, t) });
    }
  }
  const agreements: DemoStock['agreements'] = [];
  const covered = company.customers.filter((c) => company.sites.some((s) => s.customerId === c.id && company.assets.some((a) => a.siteId === s.id))).slice(0, 8);
  const intervals = ['quarterly', 'monthly', 'semi_annual', 'annual', 'after_last'] as const;
  for (const [i, customer] of covered.entries()) {
    const sites = company.sites.filter((s) => s.customerId === customer.id).slice(0, 2);
    const assets = company.assets.filter((a) => sites.some((s) => s.id === a.siteId));
    const start = new Date(now - (330 - i * 37) * DAY).toISOString().slice(0, 10);
    agreements.push({
      id: seededUuid(seed, `agreement:${customer.id}`),
      input: {
        customerId: customer.id,
        name: `${['Gold', 'Silver', 'Comfort', 'Care'][i % 4]} plan · ${customer.name}`.slice(0, 120),
        siteIds: sites.map((s) => s.id),
        assetIds: assets.map((a) => a.id),
        startDate: start,
        termMonths: 12,
        billingCycle: (['annual', 'monthly', 'quarterly'] as const)[i % 3]!,
        priceCents: 48_000 + i * 6_500,
        coveredServices: ['Preventive maintenance', 'Priority response'],
        partsDiscountBp: 1000,
        responseHours: [4, 8, 24][i % 3] ?? 24,
        pmInterval: intervals[i % intervals.length]!,
        pmEveryMonths: 4,
        checklists: { '*': ['Inspect and clean', 'Check operation and controls'], hvac: ['Replace filter', 'Check refrigerant pressures'] },
        pmParts: [{ ...part(PARTS[2]), qty: 2 }],
        pmPartsByType: {},
        preferredTechnicianId: null
      }
    });
  }
  return { moves, settings, agreements };
}
