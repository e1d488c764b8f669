/**
 * One Chromium per test file, driven by playwright-core against Debian's /usr/bin/chromium.
 * Each browser context is a separate device: its own localStorage, IndexedDB and service worker.
 *
 * The browsers' clock. Each device's `Date` (and timers) run on Playwright's clock, installed
 * at the test clock's "now" (tests/clock.ts: a fixed instant, 07:00/13:00/23:00 org time on a
 * fixed day chosen by FIELDBOARD_TEST_CLOCK, plus the real time elapsed in this file), so the
 * demo company the app builds "now", SLA states and schedules are the same whatever the time
 * of day the suite runs at. Every device of a file and the Node writers (`testNow()`) share
 * that shifted clock, so their events keep their causal order. The fixed day lies in the real
 * past: the relay compares event times and token expiry with its real clock, so a browser is
 * never in the relay's future. Tokens are minted with real time (tests/helpers/tokens.ts);
 * seen from a browser set months back they simply have a long life left, and the session's
 * refresh timer (src/lib/state/refresh-policy.ts) re-plans at most hourly, so it neither
 * loops nor refreshes early. A test about real token lifetimes (expiry while offline) asks
 * for `{ clock: 'real' }` and says why.
 *
 * Console errors. Every device is watched (./console-guard.ts): any console error or uncaught
 * page error fails the test, apart from entries on an explicit allow list.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { testNow } from '../clock';
import { watchConsole, type AllowedError } from './console-guard';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

export const VIEWPORTS = {
  desktop: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 }
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Chromium's flags for every test browser (also persistent profiles: ./persistent-device.ts). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
}

export interface DeviceOptions {
  /** 'test' (default): the shifted test clock; 'real': the machine's clock, for token-lifetime tests. */
  clock?: 'test' | 'real';
  /** Console errors this device is expected to log, each with its reason (see console-guard.ts). */
  allow?: readonly AllowedError[];
}

/** A fresh device. Service workers are allowed: the offline and update tests depend on them. */
export async function newDevice(browser: Browser, viewport: ViewportName = 'desktop', options: DeviceOptions = {}): Promise<BrowserContext> {
  const phone = viewport === 'phone';
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    serviceWorkers: 'allow',
    locale: 'en-GB',
    timezoneId: 'Europe/London'
  });
  watchConsole(context, options.allow);
  if ((options.clock ?? 'test') === 'test') await context.clock.install({ time: testNow() });
  return context;
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}${name}.png`;
}
