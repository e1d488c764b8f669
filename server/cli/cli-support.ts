/** Shared bits of the operator CLIs (setup, backup, export): usage errors and DATA_DIR. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

export const DATABASE_FILE = 'fieldboard.db';

export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR || './data');
}

export function databasePath(): string {
  return path.join(dataDir(), DATABASE_FILE);
}

/** parseArgs with usage errors and `--help`. */
export function parseCli<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, usage: string) {
  try {
    const parsed = parseArgs({ args: argv, strict: true, allowPositionals: false, options: { ...options, help: { type: 'boolean', short: 'h' } } });
    if ((parsed.values as { help?: boolean }).help) {
      process.stdout.write(usage + '\n');
      process.exit(0);
    }
    return parsed.values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Runs a CLI's main: usage errors exit 2 with the usage text, other errors exit 1. */
export function runCli(usage: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${usage}\n`);
      process.exit(2);
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

/** All of stdin as text (a piped password), without the trailing newline. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}
