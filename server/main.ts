/**
 * `npm start`: the Fieldboard relay + app server (DESIGN §1, §4). Configuration comes from
 * the environment (see config.ts and server/README.md).
 */
import { linkBaseUrl } from '../src/lib/domain/access/sign-in-link';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { RelayServer } from './relay-server';

/** A shutdown that hangs (a stuck socket, a wedged disk) must not keep the process forever. */
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  const relay = new RelayServer(config, log);
  const port = await relay.listen();
  log.info({ port, host: config.host, dataDir: config.dataDir, staticDir: config.staticDir }, 'listening');
  // Where a person goes next: a new server is set up in the browser (one organisation, made
  // there), then everyone works on the board. Operator links stay with `npm run token`.
  const base = linkBaseUrl({ env: { PUBLIC_URL: process.env.PUBLIC_URL, PORT: String(port) } });
  const origin = base.ok ? base.url : `http://localhost:${port}`;
  if (await relay.setupNeeded()) log.info({ url: `${origin}/setup` }, `no organisation yet: open ${origin}/setup to create it and its first admin`);
  else log.info({ url: `${origin}/board` }, `open ${origin}/board to sign in`);

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown deadline passed; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    relay.stop().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      }
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (config.exitWithParent) {
    // The test harness keeps our stdin open; if it dies (even SIGKILLed) the pipe closes.
    process.stdin.on('end', () => shutdown('parent-exit'));
    process.stdin.on('error', () => shutdown('parent-exit'));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  // Startup failures (port in use, unreadable database) are fatal and must be visible.
  process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
