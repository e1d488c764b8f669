/**
 * A device whose storage lives in a profile directory on disk, so a test can close it (the
 * tab, the browser, everything in memory) and open the same device again: what a phone does
 * when the app is swiped away or the phone restarts. Same viewport, locale, clock and console
 * guard as `newDevice` (./browser.ts); each open launches its own Chromium on the profile.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { testNow } from '../clock';
import { CHROMIUM_ARGS, CHROMIUM_PATH, VIEWPORTS, type DeviceOptions, type ViewportName } from './browser';
import { watchConsole } from './console-guard';

/** A fresh, empty profile directory for one device. */
export function newProfileDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `fieldboard-${name}-`));
}

/**
 * Opens the device stored in `profileDir`. `offline: true` takes it offline before any page
 * loads (the console guard then allows offline network errors, as after `setOffline(true)`).
 */
export async function openPersistentDevice(profileDir: string, viewport: ViewportName = 'phone', options: DeviceOptions & { offline?: boolean } = {}): Promise<BrowserContext> {
  const phone = viewport === 'phone';
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    serviceWorkers: 'allow',
    locale: 'en-GB',
    timezoneId: 'Europe/London'
  });
  watchConsole(context, options.allow);
  if (options.offline) await context.setOffline(true);
  if ((options.clock ?? 'test') === 'test') await context.clock.install({ time: testNow() });
  return context;
}
