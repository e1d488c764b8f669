/**
 * HTTP failures that are the client's doing (issue 14): an aborted download is logged at
 * debug, with its path and never its query string; a malformed percent-escape anywhere
 * answers 400, never 500.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayProcess } from '../helpers/relay-process';
import { untilAsync } from './support/clients';

const BIG_FILE_BYTES = 32 * 1024 * 1024;

/** Sends `rawPath` byte for byte (fetch would re-encode it); resolves with the status. */
function request(port: number, method: string, rawPath: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers: body ? { 'content-type': 'application/json' } : {} }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts downloading `rawPath`, reads the first chunk, then hangs up. */
function abortDownload(port: number, rawPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

describe('client-side HTTP failures', () => {
  let relay: RelayProcess;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    fs.writeFileSync(path.join(staticDir, 'big.bin'), Buffer.alloc(BIG_FILE_BYTES, 7));
    relay = await startRelay({ staticDir, env: { LOG_LEVEL: 'debug' } });
  });
  afterAll(async () => {
    await relay.kill();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('logs an aborted download at debug level with its path only, never its query string', async () => {
    await abortDownload(relay.port, '/big.bin?token=secret-in-query&email=ada%40acme.test');
    await untilAsync(async () => relay.logs().includes('request closed early by the client'), 'the aborted download to be logged');
    const line = relay
      .logs()
      .split('\n')
      .find((l) => l.includes('request closed early by the client')) as string;
    expect(JSON.parse(line)).toMatchObject({ level: 'debug', path: '/big.bin', method: 'GET' });
    expect(relay.logs()).not.toContain('secret-in-query');
    expect(relay.logs()).not.toContain('"level":"error"');
    expect(await request(relay.port, 'GET', '/healthz')).toBe(200); // and the relay carries on
  });

  it('answers 400 to a malformed percent-escape on the public form, the API and static paths', async () => {
    expect(await request(relay.port, 'POST', '/api/public/requests/%E0%A4%A', '{}')).toBe(400);
    expect(await request(relay.port, 'POST', '/api/public/requests/acme%ZZ', '{}')).toBe(400);
    expect(await request(relay.port, 'PATCH', '/api/users/%E0%A4%A', '{}')).toBe(400);
    expect(await request(relay.port, 'GET', '/jobs/%E0%A4%A?x=%ZZ')).toBe(400);
    expect(relay.logs()).not.toContain('"level":"error"');
    expect(relay.logs()).not.toContain('"msg":"request failed"');
  });
});
