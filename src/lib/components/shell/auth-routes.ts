/**
 * Where the shell sends people who are signed out (the sign-in or setup page) and, once
 * signed in, where it sends them back to. Pure, so the rules are tested without a browser.
 */
import type { SetupState } from '../../state/accounts.svelte';

export const LOGIN_PATH = '/login';
export const SETUP_PATH = '/setup';
export const HOME_PATH = '/board';

export function isAuthRoute(path: string): boolean {
  return path === LOGIN_PATH || path === SETUP_PATH;
}

/** Pages anyone may open without signing in, shown without the app shell: the public request form and customer links to a quote or invoice. */
export function isPublicRoute(path: string): boolean {
  return path.startsWith('/request/') || path.startsWith('/q/') || path.startsWith('/i/');
}

/** The `next` parameter, if it is a safe in-app path (never another site, never an auth page). */
export function safeNext(url: URL): string | null {
  const next = url.searchParams.get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  const path = next.split(/[?#]/)[0] ?? '';
  return isAuthRoute(path) ? null : next;
}

/** Where a technician's day starts on a phone: "My day". */
export const TECHNICIAN_HOME_PATH = '/technician';

/**
 * The home page for a role: technicians on a phone-sized screen open on "My day" (the
 * installed app's start page); everyone else, and technicians at a desk, on the board.
 */
export function homeFor(role: string | undefined, phoneLayout: boolean): string {
  return role === 'technician' && phoneLayout ? TECHNICIAN_HOME_PATH : HOME_PATH;
}

/** The phone layout's breakpoint (the shell's bottom bar; app layout CSS uses the same width). */
export const PHONE_LAYOUT_QUERY = '(max-width: 720px)';

/** True when this window shows the phone layout. */
export function isPhoneLayout(): boolean {
  return typeof matchMedia === 'function' && matchMedia(PHONE_LAYOUT_QUERY).matches;
}

/** After signing in: the page that asked for it, else the role's home. */
export function afterSignIn(url: URL, home: string = HOME_PATH): string {
  return safeNext(url) ?? home;
}

/**
 * Where a signed-out visitor of `url` belongs, or null to stay. Setup only when the server
 * said so; an unknown state (offline, unreachable) leaves /setup alone and otherwise shows
 * the sign-in page, which works for cached sign-in and access tokens.
 */
export function signedOutTarget(url: URL, setup: SetupState): string | null {
  const path = url.pathname;
  if (isPublicRoute(path)) return null;
  const next = isAuthRoute(path) ? safeNext(url) : `${path}${url.search}`;
  const query = next && next !== HOME_PATH ? `?next=${encodeURIComponent(next)}` : '';
  if (setup === 'needed') return path === SETUP_PATH ? null : `${SETUP_PATH}${query}`;
  if (path === LOGIN_PATH || (path === SETUP_PATH && setup === 'unknown')) return null;
  return `${LOGIN_PATH}${query}`;
}
