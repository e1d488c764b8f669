/**
 * `node --import tsx scripts/prepare-demo-data.ts [--data-dir ../shared/data] [--out static/demo/sf-demo-dataset.json]`
 *
 * Reads the three DataSF CSVs and writes the compact, validated dataset the app ships in
 * `static/demo/` (so the app needs only the repository at run time). Deterministic: the same
 * CSVs give byte-identical output. Selection rules are documented in static/demo/README.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import {
  DEMO_DATASET_FORMAT,
  DEMO_DATASET_VERSION,
  demoDatasetSchema,
  type DemoDataset,
  type DemoPermit,
  type DemoRequest,
  type DemoUnit
} from '../src/lib/demo/dataset';
import { sampleTrade, TRADES, type Trade } from '../src/lib/demo/trade-rules';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const FILES = {
  requests: 'sf311_cases_sample_10000.csv',
  fire: 'sf_fire_calls_sample_10000.csv',
  permits: 'sf_mobile_food_facility_permits.csv'
} as const;
const REQUEST_ROWS = 1500;
const PERMIT_ROWS = 300;
/** The dataset schema's bounds: a point outside them is a bad geocode, not a San Francisco site. */
const inSf = (lat: number, lng: number) => lat >= 37.6 && lat <= 37.9 && lng >= -122.6 && lng <= -122.3;
/** A street address with a house number: intersections and assessor lots are not a customer's door. */
const streetAddress = (address: string) => /^\d+[A-Z]?\s+\S/i.test(address);

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const result = Papa.parse<Row>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
  const fatal = result.errors.filter((e) => e.type !== 'FieldMismatch');
  if (fatal.length) throw new Error(`${file}: ${fatal[0]!.message} (row ${fatal[0]!.row})`);
  return result.data;
}

/** "(37.77, -122.39)" → [lat, lng]; null when missing or outside the city. */
function point(text: string | undefined): [number, number] | null {
  const m = /^\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  return inSf(lat, lng) ? [round(lat, 6), round(lng, 6)] : null;
}

/** "04/30/2014 02:51:52 PM" → wall-clock parts; null when blank or malformed. */
function usDateTime(text: string | undefined): { y: number; mo: number; d: number; h: number; mi: number } | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2})(?::\d{2})? (AM|PM))?$/.exec(text?.trim() ?? '');
  if (!m) return null;
  let h = Number(m[4] ?? 0) % 12;
  if (m[6] === 'PM') h += 12;
  return { y: Number(m[3]), mo: Number(m[1]), d: Number(m[2]), h, mi: Number(m[5] ?? 0) };
}

const wallMs = (t: NonNullable<ReturnType<typeof usDateTime>>) => Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi);
const pad = (n: number) => String(n).padStart(2, '0');
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const clip = (text: string | undefined, max: number) => (text ?? '').trim().replace(/\s+/g, ' ').slice(0, max);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  // Ties broken by value so the output does not depend on row order.
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
}

/**
 * 311 rows with a street address, a point and a trade meaning (see trade-rules.ts). Taken
 * round-robin across trades, then across categories within a trade, in file order: street
 * cleaning (a third of the file) would otherwise crowd out the sewer, streetlight and housing
 * repairs that make the best plumbing and electrical jobs.
 */
function requests(rows: Row[]): DemoRequest[] {
  const byTrade = new Map<Trade, Map<string, DemoRequest[]>>(TRADES.map((t) => [t, new Map()]));
  for (const row of rows) {
    const at = point(row['Point']);
    const opened = usDateTime(row['Opened']);
    const address = clip(row['Address'], 200);
    if (!at || !opened || !streetAddress(address)) continue;
    const closed = usDateTime(row['Closed']);
    const hours = closed ? round(Math.max(0, wallMs(closed) - wallMs(opened)) / 3_600_000, 1) : null;
    const request: DemoRequest = {
      id: clip(row['CaseID'], 20),
      opened: `${opened.y}-${pad(opened.mo)}-${pad(opened.d)}T${pad(opened.h)}:${pad(opened.mi)}`,
      hours,
      category: clip(row['Category'], 80),
      type: clip(row['Request.Type'], 120),
      details: clip(row['Request.Details'], 120),
      address,
      neighborhood: clip(row['Neighborhood'], 80),
      lat: at[0],
      lng: at[1],
      source: clip(row['Source'], 40)
    };
    const trade = sampleTrade(request);
    if (!trade) continue;
    const categories = byTrade.get(trade)!;
    const list = categories.get(request.category) ?? [];
    list.push(request);
    categories.set(request.category, list);
  }
  const queues = TRADES.map((t) => roundRobin([...byTrade.get(t)!.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, list]) => list)));
  return roundRobin(queues).slice(0, REQUEST_ROWS);
}

/** Interleaves lists: first of each, then second of each, … */
function roundRobin<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** Fire dispatches aggregated per unit; the home base is the median call location of its station area. */
function units(rows: Row[]): DemoUnit[] {
  const stationCalls = new Map<string, Array<{ lat: number; lng: number; neighborhood: string }>>();
  const unitRows = new Map<string, Row[]>();
  for (const row of rows) {
    const at = point(row['Location']);
    const station = clip(row['StationArea'], 8);
    if (at && station) {
      const list = stationCalls.get(station) ?? [];
      list.push({ lat: at[0], lng: at[1], neighborhood: clip(row['Neighborhood'], 80) });
      stationCalls.set(station, list);
    }
    const unit = clip(row['UnitID'], 12);
    if (unit) unitRows.set(unit, [...(unitRows.get(unit) ?? []), row]);
  }
  const out: DemoUnit[] = [];
  for (const [id, list] of [...unitRows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const station = mostCommon(list.map((r) => clip(r['StationArea'], 8)).filter(Boolean));
    const calls = stationCalls.get(station);
    if (!calls?.length) continue;
    const available = list.map((r) => usDateTime(r['AvailableDtTm'])).filter((t) => t !== null);
    const callDays = list.map((r) => usDateTime(r['CallDate'])).filter((t) => t !== null);
    const delays = list.map((r) => Number(r['Delay'])).filter((d) => Number.isFinite(d) && d >= 0);
    const weekend = callDays.filter((t) => [0, 6].includes(new Date(wallMs(t)).getUTCDay())).length;
    out.push({
      id,
      type: mostCommon(list.map((r) => clip(r['UnitType'], 40))),
      battalion: mostCommon(list.map((r) => clip(r['Battalion'], 8))),
      station,
      calls: list.length,
      delayMinutes: delays.length ? round(median(delays), 2) : 3,
      busyHour: available.length ? Math.floor(median(available.map((t) => t.h))) : 12,
      weekendShare: callDays.length ? round(weekend / callDays.length, 3) : 0,
      home: {
        lat: round(median(calls.map((c) => c.lat)), 6),
        lng: round(median(calls.map((c) => c.lng)), 6),
        neighborhood: mostCommon(calls.map((c) => c.neighborhood).filter(Boolean))
      }
    });
  }
  return out;
}

/** Permits with coordinates, one per applicant and address, in file order. */
function permits(rows: Row[]): DemoPermit[] {
  const seen = new Set<string>();
  const out: DemoPermit[] = [];
  for (const row of rows) {
    const lat = Number(row['Latitude']);
    const lng = Number(row['Longitude']);
    const applicant = clip(row['Applicant'], 200);
    const address = clip(row['Address'], 200);
    if (!applicant || !streetAddress(address) || !inSf(lat, lng)) continue;
    const key = `${applicant}|${address}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ applicant, facilityType: clip(row['FacilityType'], 40), address, lat: round(lat, 6), lng: round(lng, 6), items: clip(row['FoodItems'], 120) });
    if (out.length === PERMIT_ROWS) break;
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: path.join(REPO_ROOT, '..', 'shared', 'data') },
      out: { type: 'string', default: path.join(REPO_ROOT, 'static', 'demo', 'sf-demo-dataset.json') }
    }
  });
  const dataDir = path.resolve(values['data-dir']);
  const dataset: DemoDataset = {
    format: DEMO_DATASET_FORMAT,
    version: DEMO_DATASET_VERSION,
    source: { publisher: 'DataSF (City and County of San Francisco)', licence: 'ODC-PDDL-1.0', files: Object.values(FILES) },
    requests: requests(readCsv(path.join(dataDir, FILES.requests))),
    units: units(readCsv(path.join(dataDir, FILES.fire))),
    permits: permits(readCsv(path.join(dataDir, FILES.permits)))
  };
  // Never ship a file the app would refuse.
  demoDatasetSchema.parse(dataset);
  const text = JSON.stringify(dataset) + '\n';
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, text);
  const kb = Math.round(Buffer.byteLength(text) / 1024);
  process.stdout.write(`wrote ${values.out}: ${dataset.requests.length} requests, ${dataset.units.length} units, ${dataset.permits.length} permits, ${kb} KB\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
