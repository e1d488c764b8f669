/**
 * The tests' clock. Nothing a test asserts may depend on the time of day or the date the
 * suite runs at, so every test that needs "now" (fixtures, the demo company, schedules, the
 * browser's `Date`) takes it from here.
 *
 * Three fixed instants on one fixed day, 07:00, 13:00 and 23:00 in the demo organisation's
 * zone (America/Los_Angeles): the morning is when demo bookings crowd the day, the afternoon
 * is mid-shift, the night is after every shift and a different UTC date. Unit tests loop over
 * all three (`describe.each(TEST_CLOCKS)`); browser and relay tests run at the one chosen by
 * `FIELDBOARD_TEST_CLOCK` (default 13:00); `npm run test:clocks` runs those at all three.
 *
 * The day is in the real past on purpose: the relay checks token expiry with its real clock
 * and will refuse events dated in its future, so the browsers' clock (shifted back to the
 * fixed instant) must never be ahead of the relay's. Tokens are still minted with real time.
 */
import { DEMO_TIME_ZONE } from '../src/lib/demo/places';

/** The organisation zone the instants are stated in (the demo company's). */
export const TEST_TIME_ZONE = DEMO_TIME_ZONE;

/** A Wednesday in summer time (PDT, UTC−7), well before any run of this suite. */
export const TEST_DAY = '2026-06-10';

/** The three times of day every date-dependent test must pass at, as UTC instants. */
export const TEST_CLOCKS = {
  '07:00': new Date('2026-06-10T14:00:00.000Z'),
  '13:00': new Date('2026-06-10T20:00:00.000Z'),
  '23:00': new Date('2026-06-11T06:00:00.000Z')
} as const satisfies Record<string, Date>;

export type TestClockName = keyof typeof TEST_CLOCKS;
export const TEST_CLOCK_NAMES = Object.keys(TEST_CLOCKS) as TestClockName[];
export const DEFAULT_TEST_CLOCK: TestClockName = '13:00';

/** The clock chosen by `FIELDBOARD_TEST_CLOCK`; a value that is not one of the three is an error, not a fallback. */
export function selectedClockName(env: Record<string, string | undefined> = process.env): TestClockName {
  const raw = env.FIELDBOARD_TEST_CLOCK?.trim();
  if (!raw) return DEFAULT_TEST_CLOCK;
  if ((TEST_CLOCK_NAMES as string[]).includes(raw)) return raw as TestClockName;
  throw new Error(`FIELDBOARD_TEST_CLOCK=${JSON.stringify(raw)}: expected one of ${TEST_CLOCK_NAMES.join(', ')}`);
}

export const TEST_CLOCK_NAME: TestClockName = selectedClockName();

/** The fixed instant this run's relay and browser tests start at. */
export const TEST_NOW: Date = TEST_CLOCKS[TEST_CLOCK_NAME];

/** Real time at which this test file's clock started (module load; vitest loads it per file). */
const STARTED_AT = Date.now();

/**
 * "Now" on the test clock: the fixed instant plus the real time elapsed since this file
 * started. Browsers (see tests/e2e/browser.ts) and Node writers in one file share it, so
 * their events stay in causal order while time still moves forward for timers and waits.
 */
export function testNow(): Date {
  return new Date(TEST_NOW.getTime() + (Date.now() - STARTED_AT));
}

/** The instant of `hh:mm` org time on the fixed day plus `days` days (DST-safe for the test season). */
export function orgTimeOn(days: number, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  // PDT all summer: the test day and the weeks after it are UTC−7.
  return new Date(Date.parse(`${TEST_DAY}T00:00:00.000Z`) + days * 86_400_000 + ((h + 7) * 60 + m) * 60_000);
}
