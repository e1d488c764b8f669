/**
 * The compact demo dataset shipped in `static/demo/sf-demo-dataset.json`, written by
 * `scripts/prepare-demo-data.ts` from the DataSF CSVs. The browser fetches it, so it is
 * validated like any other input from outside before the builder trusts a single field.
 */
import { z } from 'zod';

export const DEMO_DATASET_FORMAT = 'fieldboard-demo-dataset';
export const DEMO_DATASET_VERSION = 1;
/** Where the app serves the file from (static/demo/). */
export const DEMO_DATASET_URL = '/demo/sf-demo-dataset.json';

const lat = z.number().min(37.6).max(37.9);
const lng = z.number().min(-122.6).max(-122.3);
/** San Francisco wall-clock time, minutes precision: the CSVs carry local times without a zone. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'local time as YYYY-MM-DDTHH:MM');

/** One 311 service request: becomes a job (problem, timing, channel) at a residential site. */
export const demoRequestSchema = z.object({
  id: z.string().min(1).max(20),
  opened: localDateTime,
  /** Opened → Closed in hours; null while the case was open. */
  hours: z.number().min(0).nullable(),
  category: z.string().max(80),
  type: z.string().max(120),
  details: z.string().max(120),
  address: z.string().min(1).max(200),
  neighborhood: z.string().max(80),
  lat,
  lng,
  source: z.string().max(40)
});
export type DemoRequest = z.infer<typeof demoRequestSchema>;

/** One fire unit, aggregated over its dispatches: becomes a technician. */
export const demoUnitSchema = z.object({
  id: z.string().min(1).max(12),
  type: z.string().max(40),
  battalion: z.string().max(8),
  station: z.string().max(8),
  calls: z.number().int().positive(),
  /** Median response delay, minutes. */
  delayMinutes: z.number().min(0),
  /** Median local hour (0–23) the unit came free after a call. */
  busyHour: z.number().int().min(0).max(23),
  /** Share of the unit's calls on Saturday or Sunday. */
  weekendShare: z.number().min(0).max(1),
  /** Median location of calls in the unit's station area: its home base. */
  home: z.object({ lat, lng, neighborhood: z.string().max(80) })
});
export type DemoUnit = z.infer<typeof demoUnitSchema>;

/** One mobile food facility permit: a commercial customer's site. */
export const demoPermitSchema = z.object({
  applicant: z.string().min(1).max(200),
  facilityType: z.string().max(40),
  address: z.string().min(1).max(200),
  lat,
  lng,
  items: z.string().max(120)
});
export type DemoPermit = z.infer<typeof demoPermitSchema>;

export const demoDatasetSchema = z.object({
  format: z.literal(DEMO_DATASET_FORMAT),
  version: z.literal(DEMO_DATASET_VERSION),
  source: z.object({ publisher: z.string(), licence: z.string(), files: z.array(z.string()) }),
  requests: z.array(demoRequestSchema).min(50),
  units: z.array(demoUnitSchema).min(4),
  permits: z.array(demoPermitSchema).min(10)
});
export type DemoDataset = z.infer<typeof demoDatasetSchema>;

export type DemoDatasetErrorReason = 'unavailable' | 'not-json' | 'wrong-format' | 'invalid';

/** A demo dataset that cannot be used, with a sentence for the user. */
export class DemoDatasetError extends Error {
  readonly reason: DemoDatasetErrorReason;
  constructor(reason: DemoDatasetErrorReason, message: string) {
    super(message);
    this.name = 'DemoDatasetError';
    this.reason = reason;
  }
}

/** Validates parsed JSON as a demo dataset; throws `DemoDatasetError` naming the first problems. */
export function parseDemoDataset(json: unknown): DemoDataset {
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== DEMO_DATASET_FORMAT) {
    throw new DemoDatasetError('wrong-format', 'The demo data file is not a Fieldboard demo dataset. Rebuild it with `node --import tsx scripts/prepare-demo-data.ts`.');
  }
  if (head.data.version !== DEMO_DATASET_VERSION) {
    throw new DemoDatasetError('wrong-format', `The demo data file is version ${head.data.version}; this app reads version ${DEMO_DATASET_VERSION}. Rebuild it with \`node --import tsx scripts/prepare-demo-data.ts\`.`);
  }
  const parsed = demoDatasetSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new DemoDatasetError('invalid', `The demo data file is damaged (${problems.join('; ')}). Rebuild it with \`node --import tsx scripts/prepare-demo-data.ts\`.`);
  }
  return parsed.data;
}

/** Parses the file's text (what `fetch().text()` or `readFile` returns) and validates it. */
export function parseDemoDatasetText(text: string): DemoDataset {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DemoDatasetError('not-json', 'The demo data file is not valid JSON (it may be truncated). Reload the page or rebuild it with `node --import tsx scripts/prepare-demo-data.ts`.');
  }
  return parseDemoDataset(json);
}

/** Fetches and validates the dataset (the fetch function is passed in: the browser's, or a test's). */
export async function fetchDemoDataset(fetchFn: typeof fetch, url: string = DEMO_DATASET_URL): Promise<DemoDataset> {
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch {
    throw new DemoDatasetError('unavailable', 'Could not download the demo data: check the connection and try again.');
  }
  if (!response.ok) throw new DemoDatasetError('unavailable', `Could not download the demo data (HTTP ${response.status}). Try again, or ask whoever runs this server to redeploy it.`);
  return parseDemoDatasetText(await response.text());
}
