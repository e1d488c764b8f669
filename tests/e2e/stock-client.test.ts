/**
 * DESIGN §4's contract from the outside: a stock y-websocket client in Node, knowing only the
 * documented doc shape (src/lib/sync/README.md), converges with the built app in Chromium.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { testNow } from '../clock';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { makeToken } from '../helpers/tokens';
import { launchBrowser, newDevice } from './browser';
import { aJob } from './fixtures';
import { BoardPage } from './pages/board-page';

const ORG = 'stock-org';
let relay: RelayProcess;
let browser: Browser;
let context: BrowserContext;
const providers: WebsocketProvider[] = [];

beforeAll(async () => {
  relay = await startRelay();
  browser = await launchBrowser();
  context = await newDevice(browser);
});

afterAll(async () => {
  for (const provider of providers) provider.destroy();
  await context?.close();
  await browser?.close();
  await relay?.kill();
});

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function stockClient(token: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(relay.wsUrl, `${ORG}/board`, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true
  });
  providers.push(provider);
  return { doc, provider };
}

/** The fields the README documents for a job, written the way any Yjs client would. */
function writeJob(doc: Y.Doc, id: string, customerName: string): void {
  // On the test clock, like the browsers: a later move by a browser must sort after this creation.
  const now = testNow().toISOString();
  doc.transact(() => {
    const job = new Y.Map<unknown>();
    const fields = {
      number: 'J-NDE2-0001', customerName, siteAddress: '500 Howard St', problem: 'Panel buzzing',
      type: 'repair', priority: 'high', createdAt: now, createdBy: 'integration', updatedAt: now
    };
    for (const [key, value] of Object.entries(fields)) job.set(key, value);
    doc.getMap('jobs').set(id, job);
    const created = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ jobId: id, kind: 'created', from: null, to: 'new', at: now, by: 'integration' })) {
      created.set(key, value);
    }
    doc.getMap('jobEvents').set(`${id}-created`, created);
  });
}

describe('a stock y-websocket client and the app', () => {
  it('converge both ways on <org>/board through /sync with a valid token', async () => {
    const board = new BoardPage(await context.newPage(), relay.httpUrl);
    await board.signInWithLink(await makeToken(relay.dataDir, { org: ORG, role: 'dispatcher', sub: 'dana', name: 'Dana' }));
    await board.waitForSync('synced', 0);

    const { doc, provider } = stockClient(await makeToken(relay.dataDir, { org: ORG, role: 'technician', sub: 'integration' }));
    await until(() => (provider.synced ? true : undefined), 'stock client synced');

    // Stock client → app.
    writeJob(doc, 'stock-job-1', 'Integration Hardware Co');
    await board.jobCard('J-NDE2-0001').waitFor({ timeout: 20_000 });
    expect(await board.jobCard('J-NDE2-0001').textContent()).toContain('Integration Hardware Co');

    // App → stock client.
    const number = await board.createJob(aJob({ customerName: 'Created In The Browser' }));
    const seen = await until(() => {
      for (const job of doc.getMap('jobs').values()) {
        if (job instanceof Y.Map && job.get('number') === number) return job.toJSON() as Record<string, unknown>;
      }
      return undefined;
    }, 'the app’s job in the stock client');
    expect(seen.customerName).toBe('Created In The Browser');
  });

  it('is refused with HTTP 401 without a token', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${relay.wsUrl}/${ORG}/board`);
      socket.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => reject(new Error('upgrade accepted without a token')));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });
});
