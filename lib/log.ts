/** Structured logging (pino). Use `log.child({ room, peer })` for context. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'idea-communicator' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
