/** The sign-in screen of the built app, served by the real relay. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice } from './browser';
import { BoardPage } from './pages/board-page';

type Relay = Awaited<ReturnType<typeof startRelay>>;

let relay: Relay;
let browser: Browser;

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await relay?.kill();
});

describe('sign-in screen', () => {
  it('rejects a malformed pasted token with a visible error and stays signed out', async () => {
    const context = await newDevice(browser);
    try {
      const board = new BoardPage(await context.newPage(), relay.httpUrl);
      await board.open('/board');
      await board.signInForm.waitFor();
      await expect(board.page.getByText('npm run token -- --org ORG --role ROLE --link').count()).resolves.toBe(1);

      await board.signInWithPastedToken('not-a-token');
      await board.signInError.waitFor();
      expect(await board.signInError.textContent()).toMatch(/not a Fieldboard access token/i);
      expect(await board.signInForm.getByLabel('Access token').getAttribute('aria-invalid')).toBe('true');
      expect(await board.syncStatus.count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('explains a rejected sign-in link and removes the token from the address bar', async () => {
    const context = await newDevice(browser);
    try {
      const board = new BoardPage(await context.newPage(), relay.httpUrl);
      await board.page.goto(`${relay.httpUrl}/board#token=garbage.not.jwt`);
      await board.signInError.waitFor();
      expect(await board.signInError.textContent()).toMatch(/sign-in link was not accepted/i);
      expect(new URL(board.page.url()).hash).toBe('');
    } finally {
      await context.close();
    }
  });

  it('signs in with a pasted token, shows who is signed in, and signs out from Settings', async () => {
    const context = await newDevice(browser);
    try {
      const board = new BoardPage(await context.newPage(), relay.httpUrl);
      const token = await makeToken(relay.dataDir, { org: 'signin-org', role: 'technician', sub: 'erin', name: 'Erin Tech' });
      await board.open('/');
      await board.signInWithPastedToken(token);
      await board.waitForBoard();
      expect(new URL(board.page.url()).pathname).toBe('/board');
      const badge = board.page.getByTestId('session-badge');
      expect(await badge.textContent()).toContain('Erin Tech');
      expect(await badge.textContent()).toContain('signin-org');
      // Technicians have no access to finance, so Invoices is not offered.
      expect(await board.page.getByRole('link', { name: 'Invoices' }).count()).toBe(0);

      await board.navigate('Settings');
      const details = board.page.getByTestId('session-details');
      expect(await details.locator('[data-field="role"]').textContent()).toBe('technician');
      await details.getByRole('button', { name: 'Sign out' }).click();
      await board.signInForm.waitFor();
      expect(await board.page.evaluate(() => localStorage.getItem('fieldboard.session'))).toBeNull();
    } finally {
      await context.close();
    }
  });
});
