/** A download the client abandons is not a server error: logged at debug, without its query string. */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';

const ABORTED = 'the client closed the request early';

describe('aborted static downloads', () => {
  let relay: RelayProcess;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    // Far bigger than socket buffers, so the server is still writing when the client leaves.
    fs.writeFileSync(path.join(staticDir, 'big.bin'), Buffer.alloc(32 * 1024 * 1024, 7));
    relay = await startRelay({ staticDir, env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    await relay.kill();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('logs a GET closed early at debug level with its path only, and keeps serving', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: relay.port, path: '/big.bin?session=s3cret' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', (error) => {
        if (!req.destroyed) reject(error);
      });
    });
    const deadline = Date.now() + 20_000;
    while (!relay.logs().includes(ABORTED)) {
      if (Date.now() > deadline) throw new Error(`no debug line for the aborted download:\n${relay.logs()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const lines = relay.logs().split('\n').filter((line) => line.includes(ABORTED));
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as { level: string; path: string };
    expect(entry.level).toBe('debug');
    expect(entry.path).toBe('/big.bin');
    expect(relay.logs()).not.toContain('s3cret');
    expect(relay.logs()).not.toContain('request failed');
    expect((await fetch(`${relay.httpUrl}/index.html`)).status).toBe(200);
  });
});
