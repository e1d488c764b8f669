/** The sign-in screen of the built app, served by the real relay. */
import { describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { BoardPage } from './pages/board-page';

const rig = useBrowserRig({ closeDevices: 'after-each' });

describe('sign-in screen', () => {
  it('rejects a malformed pasted token with a visible error and stays signed out', async () => {
    const context = await rig.device();
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await board.open('/board');
    await board.signInForm.waitFor();
    await expect(board.page.getByText('npm run token -- --org ORG --role ROLE --link').count()).resolves.toBe(1);

    await board.signInWithPastedToken('not-a-token');
    await board.signInError.waitFor();
    expect(await board.signInError.textContent()).toMatch(/not a Fieldboard access token/i);
    expect(await board.signInForm.getByLabel('Access token').getAttribute('aria-invalid')).toBe('true');
    expect(await board.syncStatus.count()).toBe(0);
  });

  it('explains a rejected sign-in link and removes the token from the address bar', async () => {
    const context = await rig.device();
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await board.page.goto(`${rig.relay.httpUrl}/board#token=garbage.not.jwt`);
    await board.signInError.waitFor();
    expect(await board.signInError.textContent()).toMatch(/sign-in link was not accepted/i);
    expect(new URL(board.page.url()).hash).toBe('');
  });

  it('signs in with a pasted token, shows who is signed in, and signs out from Settings', async () => {
    const context = await rig.device();
    const board = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    const token = await rig.token({ org: 'signin-org', role: 'technician', sub: 'erin', name: 'Erin Tech' });
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
  });
});
