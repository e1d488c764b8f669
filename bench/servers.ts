/**
 * The relays under test, each in its own process on loopback: ours (`server/main.ts`,
 * SQLite storage on, per-connection rate limits off so the writer can saturate it; the room
 * rules guard on, or off with `startOurs({ ROOM_GUARD: 'off' })` for the comparison) and the
 * reference `@y/websocket-server` 0.1.1 as shipped (its bin; in-memory, no storage).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClaims, loadSecret, signToken } from '../server/auth/tokens';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

export interface BenchServer {
  name: 'ours' | 'reference';
  /** How it is reported: `reference`, `ours`, or `ours-unguarded` (ROOM_GUARD=off). */
  label: string;
  pid: number;
  port: number;
  dataDir: string | null;
  /** A websocket URL for `room` (`org/doc` for ours; any name for the reference). */
  url(room: string): string;
  /** Several instances (bench/cluster.ts): where the writer, the reader and the i-th counting socket connect. */
  urlFor?(room: string, role: 'writer' | 'reader' | 'counter', index: number): string;
  /** Resident memory of the server process, bytes (from /proc). */
  rss(): number;
  /** With `inspect`: the V8 inspector's websocket URL. */
  inspectorUrl?: string;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
}

const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startOurs(env: Record<string, string> = {}, dataDir?: string, inspect = false): Promise<BenchServer> {
  const dir = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-bench-'));
  // BENCH_RELAY_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles our relay.
  const flags = (process.env.BENCH_RELAY_FLAGS ?? '').split(' ').filter(Boolean);
  if (inspect) flags.push('--inspect=127.0.0.1:0');
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'server/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      STATIC_DIR: path.join(dir, 'no-app'),
      LOG_LEVEL: 'info',
      RATE_MESSAGES_PER_SECOND: '0',
      RATE_BYTES_PER_SECOND: '0',
      ...env
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  live.add(child);
  const inspectorUrl = inspect ? new Promise<string>((resolve) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /Debugger listening on (ws:\/\/\S+)/.exec(err);
      if (m) resolve(m[1] as string);
    });
  }) : undefined;
  const port = Number(await waitForLine(child, /"port":(\d+)[^\n]*"msg":"listening"/));
  const secret = loadSecret(dir).key;
  const tokens = new Map<string, string>();
  for (const org of ['bench']) tokens.set(org, await signToken(buildClaims({ org, role: 'admin', sub: 'bench' }), secret));
  return {
    name: 'ours',
    label: env.ROOM_GUARD === 'off' ? 'ours-unguarded' : 'ours',
    pid: child.pid as number,
    port,
    dataDir: dir,
    url: (room) => `ws://127.0.0.1:${port}/sync/${room}?token=${tokens.get(room.split('/')[0] as string) ?? ''}`,
    rss: () => rssOf(child.pid as number),
    ...(inspectorUrl ? { inspectorUrl: await inspectorUrl } : {}),
    stop: stopper(child)
  };
}

export async function startReference(): Promise<BenchServer> {
  const shipped = process.env.BENCH_REFERENCE_BIN === '1';
  const args = shipped
    ? [path.join(REPO, 'node_modules/@y/websocket-server/src/server.js')]
    : ['--import', 'tsx', path.join(REPO, 'bench/reference-server.ts')];
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const bound = Number(await waitForLine(child, /running at '[^']+' on port (\d+)/));
  return {
    name: 'reference',
    label: 'reference',
    pid: child.pid as number,
    port: bound,
    dataDir: null,
    url: (room) => `ws://127.0.0.1:${bound}/${room}`,
    rss: () => rssOf(child.pid as number),
    stop: stopper(child)
  };
}
