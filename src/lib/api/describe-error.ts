/**
 * Turns any failure into words for people: what happened and what to do. The error funnel
 * (state/errors.svelte.ts) and the forms both use it, so one failure reads the same everywhere.
 */
import { isApiRequestError, type ApiRequestError } from './api-error';

export interface ErrorDescription {
  /** What happened, as a sentence. */
  message: string;
  /** What to do about it, as a sentence. */
  action: string;
}

export const OFFLINE_SIGN_IN_MESSAGE = "You're offline — sign in needs the network once; after that this device works offline.";

export const SESSION_ENDED_MESSAGE = 'Your account was disabled or your session ended — sign in again.';

/** Where work done before a sign-out stays, and how it comes back (nothing is erased on sign-out). */
export function keptDataNote(org: string): string {
  return `Nothing you entered is lost: it stays in this browser's storage (IndexedDB) on this device for organisation “${org}”. Sign in again here as a user of ${org} and it comes back and syncs.`;
}

/** The relay and this server refuse a sign-in link or pasted token (another installation's, or revoked). */
export function refusedTokenMessage(org: string): string {
  return `This sign-in link is not valid for this server: it was issued by another installation or has been revoked, so you were signed out. ${keptDataNote(org)}`;
}

export function describeError(error: unknown): ErrorDescription {
  if (isApiRequestError(error)) return describeApiError(error);
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return { message: 'This device is out of storage space for Fieldboard.', action: 'Free up space on the device, then reload.' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: `Something went wrong (${detail}).`, action: 'Try again; if it keeps happening, reload the page.' };
}

function describeApiError(error: ApiRequestError): ErrorDescription {
  switch (error.kind) {
    case 'offline':
      return { message: "You're offline.", action: 'This needs the network; try again when you are back online.' };
    case 'network':
      return {
        message: 'The Fieldboard server could not be reached.',
        action: 'Check your connection and try again; if it persists, tell your administrator.'
      };
    case 'timeout':
      return { message: 'The server did not answer in time.', action: 'Try again in a moment.' };
    case 'bad_response':
      return {
        message: 'The server answered in a way this version of the app does not understand.',
        action: 'Reload the page to get the latest version.'
      };
    case 'http':
      return describeHttpError(error);
  }
}

function describeHttpError(error: ApiRequestError): ErrorDescription {
  switch (error.code) {
    case 'invalid_credentials':
      return { message: 'Wrong organisation, email or password.', action: 'Check them and try again.' };
    case 'user_disabled':
      return { message: 'This account is disabled.', action: 'Ask an administrator to enable it.' };
    case 'rate_limited': {
      const wait = error.retryAfterSeconds;
      return {
        message: 'Too many attempts.',
        action: wait ? `Wait ${formatWait(wait)}, then try again.` : 'Wait a minute, then try again.'
      };
    }
    case 'unauthorized':
    case 'invalid_refresh_token':
      return { message: 'Your session has ended.', action: 'Sign in again.' };
    case 'forbidden':
      return { message: 'Your role is not allowed to do this.', action: 'Ask an administrator.' };
    case 'email_taken':
      return { message: 'Another user already has this email.', action: 'Use a different email address.' };
    case 'last_admin':
      return { message: 'The organisation needs at least one active admin.', action: 'Make someone else an admin first.' };
    case 'already_set_up':
      return { message: 'This server is already set up.', action: 'Sign in instead.' };
    case 'not_found':
      return { message: 'That no longer exists on the server.', action: 'Reload the page to see the current list.' };
    case 'invalid_request':
      return Object.keys(error.fields).length > 0
        ? { message: 'Some fields need attention.', action: 'Fix the highlighted fields and try again.' }
        : { message: `The server did not accept the request (${error.message}).`, action: 'Check what you entered and try again.' };
    default:
      if (error.status !== null && error.status >= 500) {
        return {
          message: `The server is having trouble (HTTP ${error.status}).`,
          action: 'Try again in a minute; if it persists, tell your administrator.'
        };
      }
      return { message: `The server refused the request (${error.message}).`, action: 'Try again; if it persists, tell your administrator.' };
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} ${Math.ceil(seconds) === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
