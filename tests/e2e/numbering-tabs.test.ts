/**
 * Two tabs of one browser, both offline, must never issue the same job number (issue 7 A.4):
 * they share localStorage but, offline, not each other's jobs, so each live tab holds its own
 * numbering series (a Web Lock per series code). Also after both reload offline.
 */
import { describe, expect, it } from 'vitest';
import { useBrowserRig } from './browser-rig';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const rig = useBrowserRig({ closeDevices: 'after-each' });

const seriesOf = (number: string) => number.split('-')[1];

describe('two tabs of one browser offline', () => {
  it('issue different job numbers, also after both reload offline', async () => {
    const context = await rig.device();
    const first = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await first.signInWithLink(await rig.token({ org: 'tabs-org', role: 'dispatcher', sub: 'erin', name: 'Erin' }));
    await first.waitForSync('synced', 0);
    await first.waitForOfflineReady();
    // The second tab of the same browser shares the session (localStorage).
    const second = new BoardPage(await context.newPage(), rig.relay.httpUrl);
    await second.open('/board');
    await second.waitForBoard();
    await second.waitForSync('synced', 0);

    await context.setOffline(true);
    await first.waitForSync('offline');
    await second.waitForSync('offline');

    const numbers: string[] = [];
    for (let round = 0; round < 2; round++) {
      numbers.push(await first.createJob(aJob()));
      numbers.push(await second.createJob(aJob()));
    }
    // Offline, neither tab sees the other's jobs: only the series keeps the numbers apart.
    expect(await first.jobNumbers()).not.toContain(numbers[1]);
    expect(seriesOf(numbers[0]!)).not.toBe(seriesOf(numbers[1]!));

    await first.page.reload();
    await second.page.reload();
    await first.waitForBoard();
    await second.waitForBoard();
    await first.waitForSync('offline');
    await second.waitForSync('offline');
    numbers.push(await second.createJob(aJob()));
    numbers.push(await first.createJob(aJob()));

    expect(new Set(numbers).size).toBe(numbers.length);
    // A reload reuses the browser's codes rather than starting a new series each time.
    expect(new Set(numbers.map(seriesOf)).size).toBe(2);
  });
});
