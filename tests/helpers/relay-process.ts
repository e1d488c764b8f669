/**
 * Starts the real relay (`node --import tsx server/main.ts`) as a child process for
 * integration and browser tests: its own data dir, an ephemeral port by default, HOST
 * 127.0.0.1. Resolves once the relay logs `"msg":"listening"`.
 *
 * The handle is live: `restart()` replaces the process inside the same object (and also
 * returns it), so code holding the old reference still kills the current process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RelayProcess {
  port: number;
  /** http://127.0.0.1:PORT */
  httpUrl: string;
  /** ws://127.0.0.1:PORT/sync (a y-websocket serverUrl) */
  wsUrl: string;
  dataDir: string;
  /** Everything the relay wrote to stdout and stderr so far (all runs). */
  logs(): string;
  /** Sends the signal (default SIGTERM); resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the relay again on the same port and data dir (stopping it first if running). */
  restart(): Promise<RelayProcess>;
  /** Exit code of the last run, null while running or when killed by a signal. */
  exitCode(): number | null;
}

export interface StartRelayOptions {
  /** Default: a fresh temporary directory. */
  dataDir?: string;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default: <repo>/build. */
  staticDir?: string;
  env?: Record<string, string>;
}

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;

/** Children still running; killed if the test process exits without stopping them. */
const live = new Set<ChildProcess>();
/** Data dirs this helper created; removed when the test process exits. */
const tempDirs = new Set<string>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

export async function startRelay(opts: StartRelayOptions = {}): Promise<RelayProcess> {
  let dataDir = opts.dataDir;
  if (dataDir === undefined) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldboard-relay-'));
    tempDirs.add(dataDir);
  }
  const staticDir = opts.staticDir ?? path.join(REPO_ROOT, 'build');
  let output = '';
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let lastExitCode: number | null = null;

  const launch = async (port: number): Promise<number> => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'info',
        ...opts.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        STATIC_DIR: staticDir,
        FIELDBOARD_EXIT_WITH_PARENT: '1'
      },
      stdio: ['pipe', 'pipe', 'pipe']
    });
    child = proc;
    live.add(proc);
    lastExitCode = null;
    exited = new Promise((resolve) => {
      proc.once('exit', (code) => {
        live.delete(proc);
        lastExitCode = code;
        resolve();
      });
    });
    return new Promise<number>((resolve, reject) => {
      let pending = '';
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`relay did not start within ${STARTUP_TIMEOUT_MS} ms\n${output}`));
      }, STARTUP_TIMEOUT_MS);
      proc.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      proc.stdout?.on('data', (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        pending += text;
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (!line.includes('"msg":"listening"')) continue;
          const parsed = JSON.parse(line) as { port?: unknown };
          if (typeof parsed.port === 'number') {
            clearTimeout(timer);
            resolve(parsed.port);
          }
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`relay exited before listening (code ${code}, signal ${signal})\n${output}`));
      });
    });
  };

  const kill = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const proc = child;
    if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    await exited;
  };

  const port = await launch(opts.port ?? 0);
  const relay: RelayProcess = {
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    logs: () => output,
    kill,
    exitCode: () => lastExitCode,
    restart: async () => {
      await kill('SIGTERM');
      output += '\n--- restart ---\n';
      await launch(relay.port);
      return relay;
    }
  };
  return relay;
}
