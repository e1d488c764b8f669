/**
 * The relay and the Chromium of one browser test file: `useBrowserRig()` at the top of the file
 * starts both before its tests and stops both after them, and closes every device opened
 * through it after each test (`closeDevices: 'after-each'`) or after the file (the default).
 * Hooks the file registers after the call run after the rig started (seeding) and before it
 * stops (vitest runs after-hooks in reverse order).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRelay, type RelayProcess, type StartRelayOptions } from '../helpers/relay-process';
import { makeToken, type TestTokenRequest } from '../helpers/tokens';
import { launchBrowser, newDevice, type DeviceOptions, type ViewportName } from './browser';
import { BoardPage } from './pages/board-page';

export interface RigOptions {
  /** How the relay is started (environment, data dir). */
  relay?: StartRelayOptions;
  /** When the devices opened through the rig are closed. */
  closeDevices?: 'after-each' | 'after-all';
}

export interface SignInOptions {
  viewport?: ViewportName;
  /** Also wait until this many changes are unconfirmed (0: the relay holds everything). */
  unconfirmed?: number;
  /** false: return once the board has loaded, without waiting for the sync status. */
  awaitSync?: boolean;
}

export interface BrowserRig {
  readonly relay: RelayProcess;
  readonly browser: Browser;
  /** A new device, closed by the rig. */
  device(viewport?: ViewportName, options?: DeviceOptions): Promise<BrowserContext>;
  /** A new device signed in on the board with a link for `who`, once it shows itself synced (see `awaitSync`). */
  signedIn(who: TestTokenRequest, options?: SignInOptions): Promise<BoardPage>;
  /** A token for `who`, signed with this relay's secret. */
  token(who: TestTokenRequest): Promise<string>;
}

export function useBrowserRig(options: RigOptions = {}): BrowserRig {
  let relay: RelayProcess | undefined;
  let browser: Browser | undefined;
  const devices: BrowserContext[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the rig's ${what} is used before the file's beforeAll started it`);
    return value;
  };

  beforeAll(async () => {
    relay = await startRelay(options.relay);
    browser = await launchBrowser();
  });
  const closeDevices = async () => {
    for (const device of devices.splice(0)) await device.close().catch(() => undefined);
  };
  if (options.closeDevices === 'after-each') afterEach(closeDevices);
  afterAll(async () => {
    await closeDevices();
    await browser?.close();
    await relay?.kill();
  });

  const rig: BrowserRig = {
    get relay() {
      return started(relay, 'relay');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async device(viewport = 'desktop', deviceOptions = {}) {
      const context = await newDevice(rig.browser, viewport, deviceOptions);
      devices.push(context);
      return context;
    },
    token(who) {
      return makeToken(rig.relay.dataDir, who);
    },
    async signedIn(who, { viewport = 'desktop', unconfirmed, awaitSync = true } = {}) {
      const board = new BoardPage(await (await rig.device(viewport)).newPage(), rig.relay.httpUrl);
      await board.signInWithLink(await rig.token(who));
      if (awaitSync) await board.waitForSync('synced', unconfirmed);
      return board;
    }
  };
  return rig;
}
