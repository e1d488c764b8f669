/**
 * Browser tests fail on any console error or uncaught page error: a page that logs an error
 * in normal use is a bug, even when the test's assertions pass. Every device made by
 * `newDevice` is watched; tests/e2e/console-guard-setup.ts checks after each test (and after
 * the file's last hook) and fails with every message collected.
 *
 * Nothing is ignored unless it is on an allow list below, each entry saying why:
 * - network failures only from a device that a test took offline (`context.setOffline(true)`),
 * - HTTP refusals only on devices whose test asks for them (`allow: [HTTP_REFUSALS]`), because
 *   Chromium logs every 4xx answer as "Failed to load resource" and those tests provoke them.
 */
import type { BrowserContext, ConsoleMessage, WebError } from 'playwright-core';

export interface AllowedError {
  /** Matched against "<text> (at <url>)". */
  pattern: RegExp;
  /** Why this error is expected (shown when the guard reports what it let through). */
  why: string;
}

/**
 * Expected while a device is offline: the browser reports the failed requests and the
 * websocket's reconnect attempts as console errors, although the app handles them (it shows
 * "Offline", keeps changes pending and retries).
 */
export const OFFLINE_NETWORK_ERRORS: readonly AllowedError[] = [
  { pattern: /net::ERR_INTERNET_DISCONNECTED/, why: 'a fetch or script load attempted while the device is offline' },
  { pattern: /net::ERR_NAME_NOT_RESOLVED|net::ERR_NETWORK_CHANGED/, why: 'Chromium reports offline emulation this way on some requests' },
  { pattern: /WebSocket connection to '.*\/sync\/.*' failed/, why: 'the sync provider retries its websocket while offline' },
  { pattern: /^An unknown error occurred when fetching the script\./, why: "Chromium's own update check of the service worker script (/sw.js) fails while offline" }
];

/** A 401/403/409/429 answer that the test provoked on purpose (wrong password, disabled user, rate limit). */
export const HTTP_REFUSALS: AllowedError = {
  pattern: /Failed to load resource: the server responded with a status of (401|403|409|429)\b/,
  why: 'the test provokes a refusal from the API and checks how the app explains it'
};

/** The relay is stopped and started again on purpose (a new deployment): the websocket retries meanwhile. */
export const RELAY_RESTART: AllowedError = {
  pattern: /WebSocket connection to '.*\/sync\/.*' failed: .*net::ERR_CONNECTION_(REFUSED|RESET)/,
  why: 'the test restarts the relay; the sync provider reconnects once it is back'
};

/** The relay refuses the token on the websocket upgrade (HTTP 401): the test uses a token this server did not sign. */
export const REFUSED_UPGRADE: AllowedError = {
  pattern: /WebSocket connection to '.*\/sync\/.*' failed: HTTP Authentication failed/,
  why: 'the test signs in with a foreign token; the browser reports the refused upgrade before the app signs out'
};

export interface ConsoleProblem {
  kind: 'console.error' | 'pageerror';
  text: string;
  url: string;
  device: string;
}

interface Watched {
  name: string;
  allow: readonly AllowedError[];
  wentOffline: boolean;
}

const problems: ConsoleProblem[] = [];
let devices = 0;

function describeLocation(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return url ? `${url}:${lineNumber}` : '';
}

function allowed(watched: Watched, text: string): boolean {
  const lists = watched.wentOffline ? [...watched.allow, ...OFFLINE_NETWORK_ERRORS] : watched.allow;
  return lists.some((entry) => entry.pattern.test(text));
}

/**
 * Starts collecting console errors and page errors of this device. `allow` adds entries for
 * this device only. Taking the device offline enables the offline network allow list for it
 * from then on (errors from the reconnect can arrive just after it is back online).
 */
export function watchConsole(context: BrowserContext, allow: readonly AllowedError[] = []): void {
  devices += 1;
  const watched: Watched = { name: `device ${devices}`, allow, wentOffline: false };
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const url = describeLocation(message);
    const text = url ? `${message.text()} (at ${url})` : message.text();
    if (!allowed(watched, text)) problems.push({ kind: 'console.error', text, url, device: watched.name });
  });
  context.on('weberror', (error: WebError) => {
    const err = error.error();
    const text = err.stack ?? `${err.name}: ${err.message}`;
    if (!allowed(watched, text)) problems.push({ kind: 'pageerror', text, url: error.page()?.url() ?? '', device: watched.name });
  });
  const setOffline = context.setOffline.bind(context);
  context.setOffline = async (offline: boolean) => {
    if (offline) watched.wentOffline = true;
    await setOffline(offline);
  };
}

/** Everything collected since the last call, and forget it. */
export function takeConsoleProblems(): ConsoleProblem[] {
  return problems.splice(0);
}

/** Throws one error listing every problem, or returns when there are none. */
export function assertNoConsoleProblems(found: readonly ConsoleProblem[], when: string): void {
  if (found.length === 0) return;
  const lines = found.map((p, i) => `  ${i + 1}. [${p.device}] ${p.kind}${p.url && p.kind === 'pageerror' ? ` on ${p.url}` : ''}: ${p.text}`);
  throw new Error(`${found.length} browser console error(s) ${when}:\n${lines.join('\n')}`);
}
