/** Structured JSON logs on stdout (one object per line; tests and log shippers parse them). */
import { pino, type Logger } from 'pino';

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) }
    },
    // Synchronous writes: lines keep their order and none are lost when we process.exit().
    pino.destination({ dest: 1, sync: true })
  );
}
