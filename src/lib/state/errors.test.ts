import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '../api/api-error';
import { formFailureOf } from '../api/form-failure';
import { notices, reportError, reportInfo, reportQuotaExceeded } from './errors.svelte';
import { toasts } from './toasts.svelte';

beforeEach(() => notices.clear());

describe('reportError', () => {
  it('tells what happened and what to do, in words for people', () => {
    const notice = reportError(new ApiRequestError({ kind: 'http', status: 409, code: 'last_admin', message: 'x' }), 'Could not disable Ana');
    expect(notice).toMatchObject({
      level: 'error',
      context: 'Could not disable Ana',
      message: 'The organisation needs at least one active admin.',
      action: 'Make someone else an admin first.'
    });
    expect(notices.list).toHaveLength(1);
  });

  it('counts a repeated failure instead of stacking copies', () => {
    const offline = new ApiRequestError({ kind: 'offline', message: 'offline' });
    reportError(offline, 'Could not load users');
    reportError(offline, 'Could not load users');
    expect(notices.list).toHaveLength(1);
    expect(notices.list[0]?.count).toBe(2);
  });

  it('keeps only the latest few notices', () => {
    for (let i = 0; i < 10; i++) reportError(new ApiRequestError({ kind: 'network', message: '' }), `Attempt ${i}`);
    expect(notices.list.map((n) => n.context)).toEqual(['Attempt 6', 'Attempt 7', 'Attempt 8', 'Attempt 9']);
  });
});

describe('one funnel for toasts and shell notices', () => {
  it('puts board messages in the same list as reported errors, where the shell shows them', () => {
    reportError(new ApiRequestError({ kind: 'network', message: '' }), 'Could not load users');
    const id = toasts.error('J-AB12-0001 was not moved. Not allowed from New.');
    expect(notices.list.map((n) => [n.level, n.context, n.message])).toEqual([
      ['error', 'Could not load users', expect.any(String)],
      ['error', '', 'J-AB12-0001 was not moved. Not allowed from New.']
    ]);
    toasts.dismiss(id);
    expect(notices.list).toHaveLength(1);
  });

  it('replaces a repeated short message instead of stacking it', () => {
    toasts.error('Offline: the change is saved here.');
    toasts.error('Offline: the change is saved here.');
    expect(notices.list).toHaveLength(1);
    expect(notices.list[0]?.count).toBe(1);
  });

  it('lets confirmations and information fade while errors and warnings stay', () => {
    vi.useFakeTimers();
    try {
      toasts.success('Moved to Scheduled.');
      reportInfo('Signed in for this tab only', 'Storage is off.');
      toasts.error('Not moved.');
      reportInfo('Signed out on this device', 'The server could not be told.', '', 'warning');
      vi.advanceTimersByTime(60_000);
      expect(notices.list.map((n) => n.level)).toEqual(['error', 'warning']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('formFailureOf', () => {
  it('keeps the server’s field messages and says how long to wait when rate limited', () => {
    const failure = formFailureOf(
      new ApiRequestError({ kind: 'http', status: 429, code: 'rate_limited', message: '', retryAfterSeconds: 42, fields: { email: 'slow' } })
    );
    expect(failure).toEqual({ message: 'Too many attempts. Wait 42 seconds, then try again.', fields: { email: 'slow' } });
  });

  it('uses a form’s own wording for a reason when given', () => {
    const failure = formFailureOf(new ApiRequestError({ kind: 'offline', message: '' }), { offline: 'Sign-in needs the network.' });
    expect(failure.message).toBe('Sign-in needs the network.');
  });
});

describe('reportQuotaExceeded', () => {
  it("turns the relay's 4413 reason into what is full and what to do, once however often it repeats", () => {
    const room = reportQuotaExceeded('storage quota: room acme/board holds 40 KiB of 39 KiB');
    expect(room).toMatchObject({ level: 'error', context: 'The server stopped accepting changes', message: "This workspace's storage is full (acme/board holds 40 KiB of 39 KiB)." });
    expect(room.action).toMatch(/kept on this device but not sent\. Ask your administrator to free space or raise the storage quota/);
    reportQuotaExceeded('storage quota: room acme/board holds 40 KiB of 39 KiB');
    expect(notices.list).toHaveLength(1);
    expect(notices.list[0]!.count).toBe(2);
    expect(reportQuotaExceeded('storage quota: organisation acme holds 99 KiB of 98 KiB').message).toBe("Your organisation's storage is full (99 KiB of 98 KiB).");
    expect(reportQuotaExceeded('').message).toBe("The server's storage quota is reached (no details).");
  });
});
